-- Per-answer scores kept with the attempt (docs/decisions/011-answer-scores-with-the-attempt.md).
-- A new nullable column: existing attempts are not touched (their scores stay in "AttemptAnswer").
ALTER TABLE "QuizAttempt" ADD COLUMN "answerScores" JSONB;
