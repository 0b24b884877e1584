// The contracts of the background jobs: what recording a job needs (its one name, payload schema,
// retry options and key). Models import these to write outbox rows (./outbox.server.ts); the job
// files (one per job, listed in ./index.server.ts) add the handler that runs it. This module is a
// leaf: it imports no model and no job file, so no import cycle goes through it (decision 021).
import { z } from 'zod'
import { defineContract } from './define.server'

/** Kinds of in-app notification (stored as kind + parameters, rendered at read time). */
export const NOTIFICATION_KINDS = [
  'WELCOME',
  'COURSE_COMPLETED',
  'PROGRAM_ASSIGNED',
  // ── org ── (assignment notices and reminders, grades, certificates: docs/decisions/082)
  'ASSIGNED',
  'DUE_SOON',
  'OVERDUE',
  'GRADED',
  'CERTIFICATE_ISSUED',
] as const

const id = z.string().min(1).max(100)

/** An in-app notification built from a database fact. */
export const notifyContract = defineContract({
  name: 'notify',
  payload: z.object({
    kind: z.enum(NOTIFICATION_KINDS),
    userId: id,
    /** Id of the record the notification is about (the user, an enrolment...). */
    subjectId: id,
  }),
  options: { attempts: 5, backoff: { type: 'exponential', delay: 2_000 } },
  key: (p) => `${p.kind}.${p.subjectId}`,
})

/** A verified Mux webhook delivery stored in WebhookEvent, applied to its video once. */
export const muxWebhookContract = defineContract({
  name: 'muxWebhook',
  payload: z.object({ eventId: z.string().min(1).max(200) }),
  options: { attempts: 5, backoff: { type: 'exponential', delay: 2_000 } },
  // Mux event ids are UUIDs; anything else is made safe for a BullMQ id.
  key: (p) => p.eventId.replace(/[^A-Za-z0-9_-]/g, '_'),
})

/** Scores a submitted quiz attempt (the submit, the overdue sweep or the last essay grade). */
export const gradeAttemptContract = defineContract({
  name: 'gradeAttempt',
  payload: z.object({
    attemptId: id,
    /** Set by the last essay grade: a second grading of the attempt, under its own job id. */
    afterEssays: z.literal(true).optional(),
  }),
  options: { attempts: 8, backoff: { type: 'exponential', delay: 1_000 } },
  key: (p) => (p.afterEssays ? `${p.attemptId}.essays` : p.attemptId),
})

/** Recomputes an ASN's level in the competencies a graded attempt gave evidence for. */
export const rateCompetencyContract = defineContract({
  name: 'rateCompetency',
  payload: z.object({ userId: id, attemptId: id }),
  options: { attempts: 8, backoff: { type: 'exponential', delay: 1_000 } },
  key: (p) => p.attemptId,
})

/** Completes an enrolment whose required lessons are all done. */
export const completeEnrolmentContract = defineContract({
  name: 'completeEnrolment',
  payload: z.object({ enrolmentId: id }),
  options: { attempts: 8, backoff: { type: 'exponential', delay: 1_000 } },
  key: (p) => p.enrolmentId,
})

/** Sends one mail built from a database fact. */
export const sendMailContract = defineContract({
  name: 'sendMail',
  payload: z.object({
    kind: z.enum(['PASSWORD_RESET', 'NOTIFICATION']),
    /** The PasswordResetToken id for PASSWORD_RESET; the Notification id for NOTIFICATION (org). */
    subjectId: id,
  }),
  options: { attempts: 6, backoff: { type: 'exponential', delay: 5_000 } },
  key: (p) => `${p.kind}.${p.subjectId}`,
})

/** Applies a recorded quiz regrade (a QuizRegrade row) to every attempt of the quiz. */
export const regradeQuizContract = defineContract({
  name: 'regradeQuiz',
  payload: z.object({ regradeId: id }),
  options: { attempts: 5, backoff: { type: 'exponential', delay: 2_000 } },
  key: (p) => p.regradeId,
})

/** Issues the certificate of a completed enrolment. */
export const issueCertificateContract = defineContract({
  name: 'issueCertificate',
  payload: z.object({ enrolmentId: id }),
  options: { attempts: 8, backoff: { type: 'exponential', delay: 2_000 } },
  key: (p) => p.enrolmentId,
})

/** Builds a bulk ZIP of certificates (a CertificateExport row). */
export const buildCertificateExportContract = defineContract({
  name: 'buildCertificateExport',
  payload: z.object({ exportId: id }),
  options: { attempts: 3, backoff: { type: 'exponential', delay: 5_000 } },
  key: (p) => p.exportId,
})

/**
 * Rebuilds the supervision dashboard's aggregates: scheduled (`every`, key `schedule`) and after
 * an ASN import (one job per import).
 */
export const dashboardRefreshContract = defineContract({
  name: 'dashboardRefresh',
  payload: z.object({ importId: id.optional() }),
  options: { attempts: 3, backoff: { type: 'fixed', delay: 5_000 } },
  key: (p) => (p.importId ? `import-${p.importId}` : 'schedule'),
})

/** Parses and validates an uploaded ASN file (an AsnImport row), row by row. */
export const asnImportValidateContract = defineContract({
  name: 'asnImportValidate',
  payload: z.object({ importId: id }),
  options: { attempts: 3, backoff: { type: 'exponential', delay: 2_000 } },
  key: (p) => p.importId,
})

/** Writes the valid rows of a validated import the admin approved (upsert by NIP). */
export const asnImportApplyContract = defineContract({
  name: 'asnImportApply',
  payload: z.object({ importId: id }),
  options: { attempts: 3, backoff: { type: 'exponential', delay: 2_000 } },
  key: (p) => p.importId,
})

// ── perf ──
//
// ── sec ──
//
// ── eval ──
//
/** The Kirkpatrick L1 survey invitation of a course completion (area eval, decision 061). */
export const evaluationSurveyInviteContract = defineContract({
  name: 'evaluationSurveyInvite',
  payload: z.object({ enrolmentId: id }),
  options: { attempts: 5, backoff: { type: 'exponential', delay: 2_000 } },
  key: (p) => p.enrolmentId,
})

// ── org ──
//
// ── program ──
//

/** Enrols the target group of a program item (AKPK), in batches (area program, decision 085). */
export const programAssignContract = defineContract({
  name: 'programAssign',
  payload: z.object({ itemId: id }),
  options: { attempts: 5, backoff: { type: 'exponential', delay: 5_000 } },
  key: (p) => p.itemId,
})

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
