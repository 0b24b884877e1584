// Build a bulk ZIP of certificates (a CertificateExport row), reporting progress on the row.
import { z } from 'zod'
import { buildCertificateExport } from '~/models/certificate-export.server'
import { defineJob } from './define.server'

export const buildCertificateExportJob = defineJob({
  name: 'buildCertificateExport',
  payload: z.object({ exportId: z.string().min(1).max(100) }),
  options: { attempts: 3, backoff: { type: 'exponential', delay: 5_000 } },
  concurrency: 1,
  key: (p) => p.exportId,
  handler: (p) => buildCertificateExport(p),
})
