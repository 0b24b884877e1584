-- Coded ASN import messages (docs/decisions/041-coded-model-messages.md): new columns only, the
-- rows of earlier imports keep their sentences and are shown as they are.
-- AlterTable
ALTER TABLE "AsnImport" ADD COLUMN     "errorParams" JSONB;

-- AlterTable
ALTER TABLE "AsnImportRow" ADD COLUMN     "problems" JSONB NOT NULL DEFAULT '[]';
