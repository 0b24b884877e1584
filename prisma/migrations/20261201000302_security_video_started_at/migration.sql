ALTER TABLE "LessonProgress" ADD COLUMN     "videoStartedAt" TIMESTAMP(3);
