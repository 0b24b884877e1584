// The local SMTP server of the e2e runs (smtp-server, a real SMTP dialogue): every mail the
// workers send is stored as <dir>/<time>-<n>.json ({ to, raw }) for the specs to read.
// Run: tsx tests/support/smtp-sink.ts <port> <dir>
import fs from 'node:fs'
import path from 'node:path'
import { SMTPServer } from 'smtp-server'

const port = Number(process.argv[2])
const dir = path.resolve(process.argv[3] ?? 'storage/e2e-mail')
fs.rmSync(dir, { recursive: true, force: true })
fs.mkdirSync(dir, { recursive: true })
let n = 0
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = []
    stream.on('data', (c: Buffer) => chunks.push(c))
    stream.on('end', () => {
      const to = session.envelope.rcptTo.map((r) => r.address)
      const raw = Buffer.concat(chunks).toString('utf8')
      fs.writeFileSync(path.join(dir, `${Date.now()}-${++n}.json`), JSON.stringify({ to, raw }))
      callback()
    })
  },
})
server.listen(port, '127.0.0.1', () => console.log(`smtp sink on ${port} -> ${dir}`))
const stop = () => server.close(() => process.exit(0))
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
