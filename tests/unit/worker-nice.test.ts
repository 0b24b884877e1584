// Which niceness a worker process takes (decision 107): certificate work waits for learners.
import { describe, expect, it } from 'vitest'
import { workerNice } from '../../workers/index'

const nice = { WORKER_NICE: 10, CERT_WORKER_NICE: 19 }

describe('worker niceness', () => {
  it('is CERT_WORKER_NICE for a process that issues certificates and runs nothing else of the portal', () => {
    expect(workerNice(['issueCertificate'], nice)).toBe(19)
    // The exam benchmark's certificate process: certificates and their mails.
    expect(workerNice(['issueCertificate', 'sendMail'], nice)).toBe(19)
    expect(workerNice(['issueCertificate', 'buildCertificateExport', 'sendMail'], nice)).toBe(19)
  })

  it('is WORKER_NICE as soon as the process runs anything of the learners’ path, or no certificates', () => {
    expect(workerNice(['issueCertificate', 'gradeAttempt'], nice)).toBe(10)
    expect(workerNice(['sendMail'], nice)).toBe(10)
    expect(workerNice(['buildCertificateExport'], nice)).toBe(10)
    expect(workerNice([], nice)).toBe(10)
  })

  it('defaults to 19 for certificates and 10 for the rest', () => {
    expect(workerNice(['issueCertificate'])).toBe(19)
    expect(workerNice(['issueCertificate', 'notify'])).toBe(10)
  })
})
