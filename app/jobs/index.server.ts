// The list of every background job. The workers run exactly these (workers/ derives one BullMQ
// worker per entry); the relay and the recovery look definitions up here. Add a job: define it in
// its own file (see ./define.server.ts) and list it below.
import { z } from 'zod'
import { completeEnrolmentJob } from './complete-enrolment.server'
import { defineJob, type JobDefinition } from './define.server'
import { gradeAttemptJob } from './grade-attempt.server'
import { runMaintenance } from './maintenance.server'
import { muxWebhookJob } from './mux-webhook.server'
import { notifyJob } from './notify.server'
import { rateCompetencyJob } from './rate-competency.server'
import { buildCertificateExportJob } from './build-certificate-export.server'
import { issueCertificateJob } from './issue-certificate.server'
import { regradeQuizJob } from './regrade-quiz.server'
import { sendMailJob } from './send-mail.server'
import { asnImportApplyJob, asnImportValidateJob, dashboardRefreshJob } from './supervision.server'
import { jobSettings } from './settings.server'
// ── perf ──
//
// ── sec ──
//
// ── eval ──
import { evaluationL3SweepJob, evaluationSurveyInviteJob } from './evaluation.server'
//
// ── org ──
import { remindersJob } from './reminders.server'
// ── program ──
//
import { programAssignJob } from './program-assign.server'
// ── bank ──
//
// ── course ──
//
// ── forms ──
//
// ── exam ──
//
// ── clean ──
//

const workJobs = [
  notifyJob,
  muxWebhookJob,
  gradeAttemptJob,
  rateCompetencyJob,
  completeEnrolmentJob,
  sendMailJob,
  regradeQuizJob,
  issueCertificateJob,
  buildCertificateExportJob,
  dashboardRefreshJob,
  asnImportValidateJob,
  asnImportApplyJob,
  // ── perf ──
  //
  // ── sec ──
  //
  // ── eval ──
  evaluationSurveyInviteJob,
  evaluationL3SweepJob,
  //
  // ── org ──
  remindersJob,
  // ── program ──
  //
  programAssignJob,
  // ── bank ──
  //
  // ── course ──
  //
  // ── forms ──
  //
  // ── exam ──
  //
  // ── clean ──
  //
] as const satisfies readonly JobDefinition[]

/** Scheduled: overdue attempts, every job's recovery sweep, outbox pruning. */
export const maintenanceJob = defineJob({
  name: 'maintenance',
  payload: z.object({}),
  options: { attempts: 1, backoff: { type: 'fixed', delay: 1_000 } },
  concurrency: 1,
  key: () => 'maintenance-sweep',
  handler: () => runMaintenance(workJobs),
  every: () => jobSettings.maintenanceEveryMs,
})

export const jobs: readonly JobDefinition[] = [...workJobs, maintenanceJob]

/** Every job (= queue) name, for forms that pick one (z.enum). */
export const JOB_NAMES = jobs.map((j) => j.name) as [string, ...string[]]

export function jobByName(name: string): JobDefinition | undefined {
  return jobs.find((j) => j.name === name)
}

/** Jobs whose work the recovery re-derives from PostgreSQL. */
export const recoverableJobs: readonly JobDefinition[] = workJobs
