-- CreateTable
CREATE TABLE "EvalCourseSetting" (
    "courseId" TEXT NOT NULL,
    "surveyItems" JSONB,
    "preQuizId" TEXT,
    "postQuizId" TEXT,
    "regulationRef" TEXT,
    "regulationDate" DATE,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EvalCourseSetting_pkey" PRIMARY KEY ("courseId")
);

-- CreateTable
CREATE TABLE "EvalSurveyResponse" (
    "id" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "courseVersionId" TEXT NOT NULL,
    "unitPath" TEXT,
    "comment" TEXT,
    "submittedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EvalSurveyResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvalSurveyAnswer" (
    "responseId" TEXT NOT NULL,
    "itemKey" TEXT NOT NULL,
    "itemText" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "EvalSurveyAnswer_pkey" PRIMARY KEY ("responseId","itemKey")
);

-- CreateTable
CREATE TABLE "EvalL3Request" (
    "id" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "learnerId" TEXT NOT NULL,
    "supervisorId" TEXT NOT NULL,
    "unitPath" TEXT,
    "askedAt" TIMESTAMP(3) NOT NULL,
    "answeredAt" TIMESTAMP(3),
    "applied" INTEGER,
    "changed" BOOLEAN,
    "example" TEXT,

    CONSTRAINT "EvalL3Request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvalRevision" (
    "id" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "doneAt" TIMESTAMP(3) NOT NULL,
    "doneById" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "signals" JSONB NOT NULL,

    CONSTRAINT "EvalRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EvalSurveyResponse_enrolmentId_key" ON "EvalSurveyResponse"("enrolmentId");

-- CreateIndex
CREATE INDEX "EvalSurveyResponse_courseId_submittedAt_idx" ON "EvalSurveyResponse"("courseId", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "EvalL3Request_enrolmentId_key" ON "EvalL3Request"("enrolmentId");

-- CreateIndex
CREATE INDEX "EvalL3Request_supervisorId_answeredAt_idx" ON "EvalL3Request"("supervisorId", "answeredAt");

-- CreateIndex
CREATE INDEX "EvalL3Request_courseId_idx" ON "EvalL3Request"("courseId");

-- CreateIndex
CREATE INDEX "EvalRevision_courseId_doneAt_idx" ON "EvalRevision"("courseId", "doneAt");

-- AddForeignKey
ALTER TABLE "EvalCourseSetting" ADD CONSTRAINT "EvalCourseSetting_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalSurveyAnswer" ADD CONSTRAINT "EvalSurveyAnswer_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "EvalSurveyResponse"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalRevision" ADD CONSTRAINT "EvalRevision_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

