-- The version of each question learners draw (decision 111): bank edits are the course's draft
-- until the course is published. Every live question is published as it stands today.
-- AlterTable
ALTER TABLE "Question" ADD COLUMN     "publishedVersionId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Question_publishedVersionId_key" ON "Question"("publishedVersionId");

-- AddForeignKey
ALTER TABLE "Question" ADD CONSTRAINT "Question_publishedVersionId_fkey" FOREIGN KEY ("publishedVersionId") REFERENCES "QuestionVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Backfill
UPDATE "Question" SET "publishedVersionId" = "currentVersionId" WHERE "archivedAt" IS NULL;
