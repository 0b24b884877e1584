-- AlterTable
ALTER TABLE "QuizAttempt" ADD COLUMN     "ratedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "QuizAttempt_status_ratedAt_gradedAt_idx" ON "QuizAttempt"("status", "ratedAt", "gradedAt");


-- Attempts graded before this column existed were rated by then.
UPDATE "QuizAttempt" SET "ratedAt" = "gradedAt" WHERE "status" = 'GRADED';
