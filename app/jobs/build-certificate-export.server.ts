// Build a bulk ZIP of certificates (a CertificateExport row), reporting progress on the row.
import { buildCertificateExport } from '~/models/certificate-export.server'
import { buildCertificateExportContract } from './contracts.server'
import { defineJob } from './define.server'

export const buildCertificateExportJob = defineJob({
  ...buildCertificateExportContract,
  concurrency: 1,
  handler: (p) => buildCertificateExport(p),
})
