// Jobs of the supervision area: the dashboard refresh (scheduled, and after an ASN import) and the
// bulk ASN import (validate, then apply). Recorded through the outbox like every job (their
// contracts are in ./contracts.server.ts); the handlers re-read the database and do nothing when
// the work is already done (at-least-once).
import { applyImport, validateImport } from '~/models/asn-import.server'
import { refreshDashboard } from '~/models/supervision.server'
import { prisma } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import {
  asnImportApplyContract,
  asnImportValidateContract,
  dashboardRefreshContract,
} from './contracts.server'
import { defineJob } from './define.server'
import { yieldToGrading } from './yield.server'

/** Rebuilds the dashboard aggregates (every DASHBOARD_REFRESH_MS, and after each import). */
export const dashboardRefreshJob = defineJob({
  ...dashboardRefreshContract,
  concurrency: 1,
  // Learners first: during an exam's end the dashboard may be a few minutes old (decision 098).
  ...yieldToGrading(300_000),
  handler: () => refreshDashboard(),
  every: () => env.DASHBOARD_REFRESH_MS,
})

/** Parses and validates an uploaded file; the admin then sees every bad row with its reasons. */
export const asnImportValidateJob = defineJob({
  ...asnImportValidateContract,
  concurrency: 1,
  handler: (p) => validateImport(p.importId),
  recover: {
    // Uploaded a while ago and still not validated.
    find: (cutoff, limit) =>
      prisma.$queryRaw<{ importId: string }[]>`
        SELECT id AS "importId" FROM "AsnImport"
        WHERE status IN ('UPLOADED', 'VALIDATING')
          AND "createdAt" < (${cutoff}::timestamptz AT TIME ZONE 'UTC')
        ORDER BY "createdAt" LIMIT ${limit}`,
  },
})

/** Writes the valid rows of an approved import in one transaction. */
export const asnImportApplyJob = defineJob({
  ...asnImportApplyContract,
  concurrency: 1,
  handler: (p) => applyImport(p.importId),
  recover: {
    // Approved (IMPORTING) and not done: its job was lost. An import still running has its job.
    find: (cutoff, limit) =>
      prisma.$queryRaw<{ importId: string }[]>`
        SELECT id AS "importId" FROM "AsnImport"
        WHERE status = 'IMPORTING' AND "createdAt" < (${cutoff}::timestamptz AT TIME ZONE 'UTC')
        ORDER BY "createdAt" LIMIT ${limit}`,
  },
})
