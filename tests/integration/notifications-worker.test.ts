import i18next from 'i18next'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNotificationFromJob } from '~/models/notification.server'
import { relayOutbox } from '~/jobs/relay.server'
import { createUser } from '~/models/user.server'
import { closeQueues, getQueue } from '~/jobs/queue.server'
import i18nConfig, { resources } from '~/i18n'
import { notificationText } from '~/utils/notification-text'
import { prisma } from '~/utils/db.server'
import { redis } from '~/utils/redis.server'
import { startWorkers } from '../../workers/index'
import { uniqueNip } from '../support/factories'
import { waitFor } from '../support/wait'

async function translator(lng: 'id' | 'en') {
  const i18n = i18next.createInstance()
  await i18n.init({ ...i18nConfig, lng, resources })
  return i18n.t
}

let workers: Awaited<ReturnType<typeof startWorkers>>

beforeAll(async () => {
  workers = await startWorkers(['notify'])
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
    // Stored as kind + parameters, rendered in the reader's language.
    expect(n.title).toBeNull()
    const id = notificationText(n, await translator('id'))
    expect(id.title).toBe('Selamat datang di Bina')
    expect(id.body).toContain('Halo Dewi Lestari, S.Sos., akun Anda telah dibuat')
    const en = notificationText(n, await translator('en'))
    expect(en.title).toBe('Welcome to Bina')
    expect(en.body).toContain('Hello Dewi Lestari, S.Sos., your account has been created')
  })

  it('written before kind + parameters keeps its stored text', async () => {
    const old = { kind: 'WELCOME', params: null, title: 'Judul lama', body: 'Isi lama' }
    expect(notificationText(old, await translator('en'))).toEqual({
      title: 'Judul lama',
      body: 'Isi lama',
    })
  })

  it('is created once however often the job runs', async () => {
    const { user } = await newAccount()
    const payload = { kind: 'WELCOME' as const, userId: user.id, subjectId: user.id }
    await Promise.all([createNotificationFromJob(payload), createNotificationFromJob(payload)])
    await createNotificationFromJob(payload)
    await relayOutbox()
    await relayOutbox()
    await waitFor(async () =>
      (await getQueue('notify').getJobCounts('completed', 'active', 'waiting')).active === 0
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
