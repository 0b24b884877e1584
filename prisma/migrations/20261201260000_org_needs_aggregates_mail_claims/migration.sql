-- Training needs aggregates with the jabatan dimension, and JP per year (docs/decisions/086).
CREATE TABLE "DashUnitJabatanCompetencyStat" (
    "unitId" TEXT NOT NULL,
    "jabatanId" TEXT NOT NULL,
    "competencyId" TEXT NOT NULL,
    "people" INTEGER NOT NULL,
    "assessed" INTEGER NOT NULL,
    "below" INTEGER NOT NULL,
    "gapSum" INTEGER NOT NULL,

    CONSTRAINT "DashUnitJabatanCompetencyStat_pkey" PRIMARY KEY ("unitId","jabatanId","competencyId")
);

CREATE TABLE "DashTreeJabatanCompetencyStat" (
    "unitId" TEXT NOT NULL,
    "jabatanId" TEXT NOT NULL,
    "competencyId" TEXT NOT NULL,
    "people" INTEGER NOT NULL,
    "below" INTEGER NOT NULL,
    "gapSum" INTEGER NOT NULL,

    CONSTRAINT "DashTreeJabatanCompetencyStat_pkey" PRIMARY KEY ("unitId","jabatanId","competencyId")
);

CREATE TABLE "DashTreeJpStat" (
    "unitId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "pnsMet" INTEGER NOT NULL,
    "pnsCredited" INTEGER NOT NULL,

    CONSTRAINT "DashTreeJpStat_pkey" PRIMARY KEY ("unitId","year")
);

-- Notification mails: claim before the SMTP hand-off, sentAt after it, skipped when nothing is
-- sent. Existing rows were sent.
ALTER TABLE "NotificationMail" ADD COLUMN "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN "claimToken" TEXT,
ADD COLUMN "skipped" TEXT,
ALTER COLUMN "sentAt" DROP NOT NULL,
ALTER COLUMN "sentAt" DROP DEFAULT;
UPDATE "NotificationMail" SET "claimedAt" = "sentAt";

-- The dashboard's pre-built scope views and per-scope people order (docs/decisions/086).
CREATE TABLE "DashScopeView" (
    "unitId" TEXT NOT NULL,
    "body" TEXT NOT NULL,

    CONSTRAINT "DashScopeView_pkey" PRIMARY KEY ("unitId")
);

CREATE TABLE "DashScopeMember" (
    "scopeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "below" BOOLEAN NOT NULL,
    "overdue" BOOLEAN NOT NULL,
    "gap" BOOLEAN NOT NULL,

    CONSTRAINT "DashScopeMember_pkey" PRIMARY KEY ("scopeId","name","userId")
);
