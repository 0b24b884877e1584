// A tiny round-robin HTTP proxy for the two-process e2e run (issue 10, point 9): every request
// (not every connection: browsers keep connections alive) goes to the next backend in turn, so
// consecutive requests of one browser land on different web processes. Each response says which
// backend answered (X-Bina-Backend). Run: tsx tests/support/round-robin.ts <port> <backend>...
import http from 'node:http'

const [port, ...backends] = process.argv.slice(2).map(Number)
if (!port || backends.length < 2) {
  console.error('usage: round-robin.ts <port> <backend port> <backend port>...')
  process.exit(2)
}
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })
let next = 0

const server = http.createServer((req, res) => {
  const i = next++ % backends.length
  const upstream = http.request(
    {
      host: '127.0.0.1',
      port: backends[i],
      method: req.method,
      path: req.url,
      headers: req.headers,
      agent,
    },
    (up) => {
      res.writeHead(up.statusCode ?? 502, { ...up.headers, 'x-bina-backend': String(i) })
      up.pipe(res)
    },
  )
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502)
    res.end()
  })
  req.pipe(upstream)
})
server.listen(port, '127.0.0.1', () =>
  console.log(`round-robin on ${port} -> ${backends.join(', ')}`),
)
const stop = () => server.close(() => process.exit(0))
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
