-- CreateTable
CREATE TABLE "StudioVideo" (
    "videoId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StudioVideo_pkey" PRIMARY KEY ("videoId")
);

-- CreateIndex
CREATE INDEX "StudioVideo_courseId_idx" ON "StudioVideo"("courseId");

