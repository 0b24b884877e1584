import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNotificationFromJob } from '~/models/notification.server'
import { relayOutbox } from '~/models/outbox.server'
import { createUser } from '~/models/user.server'
import { closeQueues, getQueue } from '~/jobs/queue.server'
import { prisma } from '~/utils/db.server'
import { redis } from '~/utils/redis.server'
import { startWorkers } from '../../workers/index'
import { uniqueNip } from '../support/factories'
import { waitFor } from '../support/wait'

let workers: Awaited<ReturnType<typeof startWorkers>>

beforeAll(async () => {
  workers = await startWorkers(['notifications'])
})
afterAll(async () => {
  await workers.stop()
  await closeQueues()
  redis().disconnect()
})

async function newAccount() {
  const [unit, jabatan] = await Promise.all([
    prisma.unit.findFirstOrThrow({ select: { id: true } }),
    prisma.jabatan.findFirstOrThrow({ select: { id: true } }),
  ])
  const nip = uniqueNip()
  return createUser({
    employeeKind: 'PNS',
    nip,
    name: 'Dewi Lestari, S.Sos.',
    email: `dewi.${nip}@test.jambiprov.go.id`,
    unitId: unit.id,
    jabatanId: jabatan.id,
    roles: ['ASN'],
  })
}

describe('welcome notification', () => {
  it('is delivered by the worker after an admin creates an account', async () => {
    const { user, temporaryPassword } = await newAccount()
    expect(temporaryPassword).toHaveLength(14)
    await relayOutbox()
    const n = await waitFor(() =>
      prisma.notification.findFirst({ where: { userId: user.id, kind: 'WELCOME' } }),
    )
    expect(n.title).toBe('Selamat datang di Bina')
    expect(n.body).toContain('Dewi Lestari')
  })

  it('is created once however often the job runs', async () => {
    const { user } = await newAccount()
    const payload = { kind: 'WELCOME' as const, userId: user.id, subjectId: user.id }
    await Promise.all([createNotificationFromJob(payload), createNotificationFromJob(payload)])
    await createNotificationFromJob(payload)
    await relayOutbox()
    await relayOutbox()
    await waitFor(async () =>
      (await getQueue('notifications').getJobCounts('completed', 'active', 'waiting')).active === 0
        ? true
        : null,
    )
    expect(await prisma.notification.count({ where: { userId: user.id, kind: 'WELCOME' } })).toBe(1)
  })

  it('records the job in the outbox with the account and marks it sent once relayed', async () => {
    const { user } = await newAccount()
    const row = await prisma.outboxMessage.findFirstOrThrow({
      where: { payload: { path: ['userId'], equals: user.id } },
    })
    expect(await prisma.user.count({ where: { id: user.id } })).toBe(1)
    await relayOutbox()
    const sent = await prisma.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })
    expect(sent.sentAt).not.toBeNull()
  })
})
