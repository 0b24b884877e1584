// Child process of tests/integration/accept.test.ts: a web process as server/index.ts runs it under
// server/cluster.ts (acceptFromPrimary), whose event loop is kept busy: every iteration runs a
// 20 ms task, as an exam end's submissions keep a real one busy. Each response says in which
// iteration its connection was accepted and which process answered.
import http from 'node:http'
import { acceptFromPrimary } from '../../server/accept'

let iteration = 0
const acceptedIn = new WeakMap<object, number>()
const server = http.createServer((req, res) => {
  res.end(JSON.stringify({ pid: process.pid, iteration: acceptedIn.get(req.socket) }))
})
server.on('connection', (socket) => acceptedIn.set(socket, iteration))
acceptFromPrimary(server)
setInterval(() => {
  iteration++
  const end = performance.now() + 20
  while (performance.now() < end);
}, 1)
