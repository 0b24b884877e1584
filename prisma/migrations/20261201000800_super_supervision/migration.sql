-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('UPLOADED', 'VALIDATING', 'VALIDATED', 'IMPORTING', 'DONE', 'FAILED');

-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "closedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "CourseAssignment" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "assignedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CourseAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DashUserStat" (
    "userId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "unitId" TEXT NOT NULL,
    "unitPath" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nip" TEXT NOT NULL,
    "employeeKind" "EmployeeKind" NOT NULL,
    "jabatanName" TEXT,
    "jp" INTEGER NOT NULL,
    "enrolled" INTEGER NOT NULL,
    "completed" INTEGER NOT NULL,
    "assigned" INTEGER NOT NULL,
    "overdue" INTEGER NOT NULL,
    "assessed" INTEGER NOT NULL,
    "gapCount" INTEGER NOT NULL,
    "gapSum" INTEGER NOT NULL,

    CONSTRAINT "DashUserStat_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "DashUnitStat" (
    "unitId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "headcount" INTEGER NOT NULL,
    "pns" INTEGER NOT NULL,
    "pppk" INTEGER NOT NULL,
    "jpSum" INTEGER NOT NULL,
    "pnsBelow" INTEGER NOT NULL,
    "pppkAtCap" INTEGER NOT NULL,
    "enrolled" INTEGER NOT NULL,
    "completed" INTEGER NOT NULL,
    "assigned" INTEGER NOT NULL,
    "overdue" INTEGER NOT NULL,

    CONSTRAINT "DashUnitStat_pkey" PRIMARY KEY ("unitId")
);

-- CreateTable
CREATE TABLE "DashUnitCourseStat" (
    "unitId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "enrolled" INTEGER NOT NULL,
    "completed" INTEGER NOT NULL,
    "assigned" INTEGER NOT NULL,
    "overdue" INTEGER NOT NULL,

    CONSTRAINT "DashUnitCourseStat_pkey" PRIMARY KEY ("unitId","courseId")
);

-- CreateTable
CREATE TABLE "DashUnitCompetencyStat" (
    "unitId" TEXT NOT NULL,
    "competencyId" TEXT NOT NULL,
    "people" INTEGER NOT NULL,
    "assessed" INTEGER NOT NULL,
    "below" INTEGER NOT NULL,
    "gapSum" INTEGER NOT NULL,

    CONSTRAINT "DashUnitCompetencyStat_pkey" PRIMARY KEY ("unitId","competencyId")
);

-- CreateTable
CREATE TABLE "DashRefresh" (
    "id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "refreshedAt" TIMESTAMP(3) NOT NULL,
    "ms" INTEGER NOT NULL,
    "users" INTEGER NOT NULL,

    CONSTRAINT "DashRefresh_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AsnImport" (
    "id" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'UPLOADED',
    "mode" TEXT,
    "total" INTEGER NOT NULL DEFAULT 0,
    "valid" INTEGER NOT NULL DEFAULT 0,
    "invalid" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "AsnImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AsnImportRow" (
    "importId" TEXT NOT NULL,
    "rowNo" INTEGER NOT NULL,
    "data" JSONB NOT NULL,
    "errors" TEXT[],

    CONSTRAINT "AsnImportRow_pkey" PRIMARY KEY ("importId","rowNo")
);

-- CreateTable
CREATE TABLE "UnitHistory" (
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "actorId" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnitHistory_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CourseAssignment_courseId_idx" ON "CourseAssignment"("courseId");

-- CreateIndex
CREATE INDEX "CourseAssignment_dueAt_idx" ON "CourseAssignment"("dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "CourseAssignment_userId_courseId_key" ON "CourseAssignment"("userId", "courseId");

-- CreateIndex
CREATE INDEX "DashUserStat_unitPath_name_idx" ON "DashUserStat"("unitPath" text_pattern_ops, "name");

-- CreateIndex
CREATE INDEX "DashUserStat_name_idx" ON "DashUserStat"("name");

-- CreateIndex
CREATE INDEX "UnitHistory_unitId_at_idx" ON "UnitHistory"("unitId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_action_at_idx" ON "AuditLog"("action", "at");

-- AddForeignKey
ALTER TABLE "AsnImportRow" ADD CONSTRAINT "AsnImportRow_importId_fkey" FOREIGN KEY ("importId") REFERENCES "AsnImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The AuditLog table and its append-only trigger come from 20261201000600_certs_certificates.
