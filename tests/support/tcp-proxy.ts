// A TCP proxy that a test can take down and bring back: "down" closes the listening socket (new
// connections are refused) and cuts every open connection, "up" listens on the same port again.
import net from 'node:net'

export async function startTcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>()
  let server: net.Server | undefined
  let port = 0
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host)
        for (const sock of [client, upstream]) {
          sockets.add(sock)
          sock.on('close', () => sockets.delete(sock))
          sock.on('error', () => {
            client.destroy()
            upstream.destroy()
          })
        }
        client.pipe(upstream).pipe(client)
      })
      s.once('error', reject)
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as net.AddressInfo).port
        server = s
        resolve()
      })
    })
  await listen()
  return {
    get port() {
      return port
    },
    async down() {
      const s = server
      server = undefined
      for (const sock of sockets) sock.destroy()
      if (s) await new Promise((r) => s.close(r))
    },
    up: listen,
    async close() {
      await this.down()
    },
  }
}
