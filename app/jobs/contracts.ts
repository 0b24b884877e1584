// Job contracts shared by the app (producers) and workers/ (consumers): queue, name, Zod payload
// and options. Payloads carry ids only; processors re-read the database (jobs run at least once).
import { z } from 'zod'

export const QUEUES = [
  'notifications',
  'video',
  'grading',
  'competency',
  'maintenance',
  'certificates',
] as const
export type QueueName = (typeof QUEUES)[number]

export interface JobOptions {
  attempts: number
  backoff: { type: 'exponential' | 'fixed'; delay: number }
}

export interface JobContract<P extends z.ZodTypeAny> {
  queue: QueueName
  name: string
  payload: P
  options: JobOptions
  /**
   * Deterministic job id: a second enqueue of the same work is a no-op while the job is kept.
   * No ':' (BullMQ refuses custom ids with colons unless they have exactly two).
   */
  jobId: (payload: z.infer<P>) => string
}

function defineJob<P extends z.ZodTypeAny>(c: JobContract<P>) {
  return c
}

const retrying: JobOptions = { attempts: 5, backoff: { type: 'exponential', delay: 2_000 } }

export const jobs = {
  /** In-app notification built from a database fact (e.g. the account that was created). */
  notify: defineJob({
    queue: 'notifications',
    name: 'notification.create',
    payload: z.object({
      kind: z.enum(['WELCOME', 'COURSE_COMPLETED']),
      userId: z.string().min(1),
      /** Id of the record the notification is about (the user, an enrolment...). */
      subjectId: z.string().min(1),
    }),
    options: retrying,
    jobId: (p) => `notify.${p.kind}.${p.subjectId}`,
  }),
  /** A verified Mux webhook delivery stored in WebhookEvent, by its event id. */
  muxWebhook: defineJob({
    queue: 'video',
    name: 'mux.webhook',
    payload: z.object({ eventId: z.string().min(1) }),
    options: retrying,
    jobId: (p) => `mux.${p.eventId}`,
  }),
  /** A submitted quiz attempt to score (job id derived from the attempt). */
  gradeAttempt: defineJob({
    queue: 'grading',
    name: 'attempt.grade',
    payload: z.object({ attemptId: z.string().min(1) }),
    options: { attempts: 8, backoff: { type: 'exponential', delay: 1_000 } },
    jobId: (p) => `grade.${p.attemptId}`,
  }),
  /**
   * Recompute an ASN's level, from all their evidence, in every competency a graded attempt gave
   * evidence for (one job per attempt).
   */
  rateCompetency: defineJob({
    queue: 'competency',
    name: 'competency.rate',
    payload: z.object({ userId: z.string().min(1), attemptId: z.string().min(1) }),
    options: { attempts: 8, backoff: { type: 'exponential', delay: 1_000 } },
    jobId: (p) => `rate.${p.attemptId}`,
  }),
  /** Scheduled every few seconds: finalise overdue attempts, re-queue lost grading jobs. */
  maintenanceSweep: defineJob({
    queue: 'maintenance',
    name: 'maintenance.sweep',
    payload: z.object({}),
    options: { attempts: 1, backoff: { type: 'fixed', delay: 1_000 } },
    jobId: () => 'maintenance-sweep',
  }),
  /** Issues the certificate of a completed enrolment (recorded with the completion). */
  issueCertificate: defineJob({
    queue: 'certificates',
    name: 'certificate.issue',
    payload: z.object({ enrolmentId: z.string().min(1) }),
    options: retrying,
    jobId: (p) => `cert.issue.${p.enrolmentId}`,
  }),
  /** Builds a bulk ZIP of certificates (CertificateExport row), reporting progress on the row. */
  buildCertificateExport: defineJob({
    queue: 'certificates',
    name: 'certificate.export',
    payload: z.object({ exportId: z.string().min(1) }),
    options: { attempts: 3, backoff: { type: 'exponential', delay: 5_000 } },
    jobId: (p) => `cert.export.${p.exportId}`,
  }),
} as const

export type JobName = keyof typeof jobs
export type JobPayload<N extends JobName> = z.infer<(typeof jobs)[N]['payload']>
