// What the worker-driven mail suites share: the named workers run for the whole file, and after it
// everything the file opened is closed in order (workers, queues, the mail transport, Redis, the
// test SMTP server). Import it dynamically, after startTestSmtp() has set the mail settings.
import { afterAll, beforeAll } from 'vitest'
import { closeQueues } from '~/jobs/queue.server'
import { closeMail } from '~/utils/mail.server'
import { redis } from '~/utils/redis.server'
import { startWorkers } from '../../workers/index'

export function workersForSuite(
  names: Parameters<typeof startWorkers>[0],
  closeSmtp: () => Promise<void>,
) {
  let workers: Awaited<ReturnType<typeof startWorkers>> | undefined
  beforeAll(async () => {
    workers = await startWorkers(names)
  })
  afterAll(async () => {
    await workers?.stop()
    await closeQueues()
    closeMail()
    redis().disconnect()
    await closeSmtp()
  })
}
