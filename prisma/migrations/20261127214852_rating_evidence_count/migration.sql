-- AlterTable
ALTER TABLE "CompetencyRating" ADD COLUMN     "evidenceCount" INTEGER NOT NULL DEFAULT 0;

