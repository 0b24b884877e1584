-- CreateEnum
CREATE TYPE "ProgramMethod" AS ENUM ('ELEARNING', 'CLASSICAL', 'COACHING', 'MENTORING', 'ON_THE_JOB');

-- CreateEnum
CREATE TYPE "ProgramItemStatus" AS ENUM ('DRAFT', 'ASSIGNING', 'ASSIGNED');

-- CreateTable
CREATE TABLE "Program" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "scopeUnitId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Program_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgramItem" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "competencyId" TEXT NOT NULL,
    "targetUnitId" TEXT NOT NULL,
    "targetJabatanId" TEXT,
    "onlyWithGap" BOOLEAN NOT NULL DEFAULT false,
    "method" "ProgramMethod" NOT NULL,
    "provider" TEXT NOT NULL,
    "startsOn" TIMESTAMP(3) NOT NULL,
    "endsOn" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "jp" INTEGER NOT NULL,
    "budget" BIGINT NOT NULL DEFAULT 0,
    "fundingSource" TEXT NOT NULL DEFAULT '',
    "status" "ProgramItemStatus" NOT NULL DEFAULT 'DRAFT',
    "memberCount" INTEGER NOT NULL DEFAULT 0,
    "assignedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProgramItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgramMember" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "gapBefore" INTEGER NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgramMember_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Program_year_idx" ON "Program"("year");

-- CreateIndex
CREATE INDEX "ProgramItem_programId_idx" ON "ProgramItem"("programId");

-- CreateIndex
CREATE INDEX "ProgramItem_status_idx" ON "ProgramItem"("status");

-- CreateIndex
CREATE INDEX "ProgramMember_userId_idx" ON "ProgramMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ProgramMember_itemId_userId_key" ON "ProgramMember"("itemId", "userId");

-- AddForeignKey
ALTER TABLE "ProgramItem" ADD CONSTRAINT "ProgramItem_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgramMember" ADD CONSTRAINT "ProgramMember_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ProgramItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

