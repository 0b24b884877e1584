// Accepting connections in production (server/accept.ts, decision 118): the primary binds the
// port and never accepts; each web process accepts on several copies of the listening socket, so
// a busy process takes many new connections per event-loop iteration, not one.
import { fork, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  bindListenSocket,
  handOut,
  LISTENING_MESSAGE,
  READY_MESSAGE,
  type ListenSocket,
} from '../../server/accept'

const children: ChildProcess[] = []
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL')
})

async function freePort() {
  const s = net.createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const { port } = s.address() as net.AddressInfo
  await new Promise((r) => s.close(r))
  return port
}

/** A busy web process given `copies` copies of the bound socket, as server/cluster.ts does. */
async function webProcess(socket: ListenSocket, copies: number) {
  const child = fork('tests/support/accept-child.ts', [], { execArgv: ['--import', 'tsx'] })
  children.push(child)
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject)
    let listening = 0
    child.on('message', (m) => {
      if (m === READY_MESSAGE) handOut(child, socket, copies).catch(reject)
      // Served once every copy listens (before that, a connection may find none yet).
      if (m === LISTENING_MESSAGE && ++listening === copies) resolve()
    })
  })
  return child
}

/** `n` new connections opened at once, one request each: who answered, in which iteration. */
async function burst(port: number, n: number) {
  const agent = new http.Agent({ keepAlive: false, maxSockets: n })
  const answers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<{ pid: number; iteration: number }>((resolve, reject) => {
          http
            .get({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
              let body = ''
              res.on('data', (c: Buffer) => (body += c.toString()))
              res.on('end', () => resolve(JSON.parse(body) as { pid: number; iteration: number }))
            })
            .on('error', reject)
        }),
    ),
  )
  agent.destroy()
  return answers
}

describe('accepting on copies of the listening socket', () => {
  it('a busy web process accepts 32 new connections in a few iterations with 16 copies', async () => {
    const port = await freePort()
    const socket = bindListenSocket('127.0.0.1', port)
    const child = await webProcess(socket, 16)
    const answers = await burst(port, 32)
    // Every connection reached the web process: the primary (this process) accepts none.
    expect(new Set(answers.map((a) => a.pid))).toEqual(new Set([child.pid]))
    const iterations = new Set(answers.map((a) => a.iteration))
    // 16 per iteration: 2 iterations, 3 when the burst straddles one.
    expect(iterations.size).toBeLessThanOrEqual(3)
  })

  it('with one copy the same burst needs an iteration per connection (why there are copies)', async () => {
    const port = await freePort()
    const socket = bindListenSocket('127.0.0.1', port)
    await webProcess(socket, 1)
    const answers = await burst(port, 32)
    expect(new Set(answers.map((a) => a.iteration)).size).toBeGreaterThanOrEqual(24)
  })

  it('a port another server listens on is refused at start, with its address', async () => {
    const other = net.createServer()
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r))
    const { port } = other.address() as net.AddressInfo
    try {
      expect(() => bindListenSocket('127.0.0.1', port)).toThrow(
        `cannot bind 127.0.0.1:${port} (address already in use)`,
      )
    } finally {
      other.close()
    }
  })

  it('a replacement web process gets its copies and serves', async () => {
    const port = await freePort()
    const socket = bindListenSocket('127.0.0.1', port)
    const first = await webProcess(socket, 4)
    first.kill('SIGKILL')
    await new Promise((r) => first.once('exit', r))
    const second = await webProcess(socket, 4)
    const answers = await burst(port, 8)
    expect(new Set(answers.map((a) => a.pid))).toEqual(new Set([second.pid]))
  })
})
