// Accepting connections in production (decision 118).
//
// Since libuv 1.45 (Node 20) a listening handle accepts one connection per event-loop iteration
// and relies on the next iteration for the rest. A web process busy with an exam end's
// submissions runs an iteration every 30-100 ms, so when a hundred learners' browsers opened new
// connections together, they waited up to 3-6 s in the kernel's queue while requests on open
// connections were answered in a few hundred milliseconds. node:cluster's round-robin does not
// help: the primary hands one connection to a process and waits for its reply, which that process
// also sends once per iteration.
//
// So the primary binds the port without listening on it (it never accepts), and sends each web
// process several copies of that socket (file descriptors passed over the IPC channel, all
// pointing at the one listening socket). Each copy accepts one connection per iteration: with 16
// copies a busy process takes 16 connections per iteration, and idle processes take them first.
import type http from 'node:http'
import net from 'node:net'

/** The message that carries one copy of the listening socket to a web process. */
export const LISTEN_MESSAGE = 'bina:listen'
/** A web process's request for its copies (sent once it is ready to serve). */
export const READY_MESSAGE = 'bina:ready'
/** A web process listens on one more copy. */
export const LISTENING_MESSAGE = 'bina:listening'

/** libuv's TCP handle, as node:net passes it between processes. */
export type ListenSocket = object
interface TcpHandle {
  getsockname(out: { port?: number }): number
  close(): void
}

const createServerHandle = (
  net as unknown as {
    _createServerHandle(address: string, port: number, addressType: 4 | 6): TcpHandle | number
  }
)._createServerHandle

/**
 * Binds HOST:PORT without listening (what node:cluster does for its shared handles): the primary
 * keeps the socket but never polls it. Throws when the address is wrong or the port is taken.
 */
export function bindListenSocket(host: string, port: number): ListenSocket {
  const handle = createServerHandle(host, port, net.isIPv6(host) ? 6 : 4)
  if (typeof handle === 'number')
    throw Object.assign(new Error(`cannot bind ${host}:${port} (${handle})`), { errno: handle })
  // libuv keeps a failed bind's EADDRINUSE for listen(), in this process's handle only: the copies
  // would be unbound sockets, and listening on them picks a random port. So check it here.
  const bound: { port?: number } = {}
  if (handle.getsockname(bound) !== 0 || !bound.port || (port !== 0 && bound.port !== port)) {
    handle.close()
    throw new Error(`cannot bind ${host}:${port} (address already in use)`)
  }
  return handle
}

/** A web process's IPC channel (node:cluster's Worker, a ChildProcess). */
interface Sender {
  send(message: string, handle: net.Server, callback: (error: Error | null) => void): boolean
}

/** Sends `count` copies of the socket, one after the other (each waits for the last to arrive). */
export async function handOut(to: Sender, socket: ListenSocket, count: number) {
  for (let i = 0; i < count; i++)
    await new Promise<void>((resolve, reject) =>
      // A raw handle is sent like a server's (node:child_process's "net.Native").
      to.send(LISTEN_MESSAGE, socket as net.Server, (e) => (e ? reject(e) : resolve())),
    )
}

/**
 * In a web process: serves `server` on every copy the primary sends, after asking for them
 * (READY). Returns how to stop.
 */
export function acceptFromPrimary(server: http.Server) {
  const listeners: net.Server[] = []
  process.on('message', (message: unknown, handle?: unknown) => {
    if (message !== LISTEN_MESSAGE || !handle) return
    const listener = net.createServer()
    listener.on('connection', (socket) => server.emit('connection', socket))
    listener.on('error', (e) => {
      // Not serving is worse than ending: the primary starts another process, and stops when
      // they keep ending.
      console.error(`[accept] ${e.message}`)
      process.exit(1)
    })
    listener.listen(handle as net.ListenOptions, () => process.send?.(LISTENING_MESSAGE))
    listeners.push(listener)
  })
  process.send?.(READY_MESSAGE)
  return {
    /** Stops accepting, closes idle connections, and calls back once every connection ended. */
    close(callback: () => void) {
      let open = listeners.length
      const idle = setInterval(() => server.closeIdleConnections(), 200)
      const done = () => {
        clearInterval(idle)
        callback()
      }
      if (open === 0) return done()
      // Each listener calls back once the connections it accepted have ended.
      for (const l of listeners) l.close(() => --open === 0 && done())
      server.closeIdleConnections()
    },
  }
}
