-- CreateTable
CREATE TABLE "DashTreeStat" (
    "unitId" TEXT NOT NULL,
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
    "jpBelow" INTEGER NOT NULL,
    "withOverdue" INTEGER NOT NULL,
    "withGap" INTEGER NOT NULL,

    CONSTRAINT "DashTreeStat_pkey" PRIMARY KEY ("unitId")
);

-- CreateTable
CREATE TABLE "DashTreeCourseStat" (
    "unitId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "enrolled" INTEGER NOT NULL,
    "completed" INTEGER NOT NULL,
    "assigned" INTEGER NOT NULL,
    "overdue" INTEGER NOT NULL,

    CONSTRAINT "DashTreeCourseStat_pkey" PRIMARY KEY ("unitId","courseId")
);

-- CreateTable
CREATE TABLE "DashTreeCompetencyStat" (
    "unitId" TEXT NOT NULL,
    "competencyId" TEXT NOT NULL,
    "people" INTEGER NOT NULL,
    "assessed" INTEGER NOT NULL,
    "below" INTEGER NOT NULL,
    "gapSum" INTEGER NOT NULL,

    CONSTRAINT "DashTreeCompetencyStat_pkey" PRIMARY KEY ("unitId","competencyId")
);

