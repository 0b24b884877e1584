// Work that can wait (decision 098): a job waits while its `busy()` says so, and never longer
// than its maximum.
import { describe, expect, it } from 'vitest'
import { waitWhileBusy } from '~/jobs/runtime.server'

describe('waitWhileBusy', () => {
  it('does not wait when not busy', async () => {
    let asked = 0
    const t0 = Date.now()
    await waitWhileBusy({ busy: async () => (asked++, false), maxMs: 10_000 })
    expect(asked).toBe(1)
    expect(Date.now() - t0).toBeLessThan(1_000)
  })

  it('asks again each second and goes on as soon as the answer is no', async () => {
    const answers = [true, true, false]
    let asked = 0
    await waitWhileBusy({ busy: async () => answers[asked++] ?? false, maxMs: 10_000 })
    expect(asked).toBe(3)
  })

  it('stops waiting within a second once the process is stopping', async () => {
    let stopping = false
    setTimeout(() => (stopping = true), 300)
    const t0 = Date.now()
    await waitWhileBusy({ busy: async () => true, maxMs: 60_000 }, () => stopping)
    expect(Date.now() - t0).toBeLessThan(1_500)
  })

  it('goes on after at most maxMs however busy, and when busy() fails', async () => {
    let asked = 0
    const t0 = Date.now()
    await waitWhileBusy({ busy: async () => (asked++, true), maxMs: 1_500 })
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1_490)
    expect(Date.now() - t0).toBeLessThan(3_000)
    // At 0 and 1 s (and, timers allowing, once more at the limit).
    expect(asked).toBeGreaterThanOrEqual(2)
    expect(asked).toBeLessThanOrEqual(3)
    await waitWhileBusy({ busy: () => Promise.reject(new Error('redis down')), maxMs: 10_000 })
  })
})

describe('which background jobs yield to grading', () => {
  it('certificates (at most CERT_YIELD_MAX_MS) and the dashboard refresh (at most 5 min); not grading', async () => {
    const { issueCertificateJob } = await import('~/jobs/issue-certificate.server')
    const { dashboardRefreshJob } = await import('~/jobs/supervision.server')
    const { gradeAttemptJob } = await import('~/jobs/grade-attempt.server')
    const { env } = await import('~/utils/env.server')
    expect(issueCertificateJob.yieldWhile?.maxMs).toBe(env.CERT_YIELD_MAX_MS)
    expect(dashboardRefreshJob.yieldWhile?.maxMs).toBe(300_000)
    expect(gradeAttemptJob.yieldWhile).toBeUndefined()
  })
})
