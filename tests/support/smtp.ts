// A real SMTP server (smtp-server) for integration tests: it listens on a free loopback port,
// points the mail settings (SMTP_HOST, SMTP_PORT, APP_ORIGIN) at itself and keeps every mail it
// receives in `inbox`. Start it before importing anything that reads the env (env.server.ts).
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMail {
  to: string[]
  raw: string
}

export async function startTestSmtp(appOrigin = 'https://bina.example.go.id') {
  const inbox: ReceivedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = ''
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')))
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  process.env.SMTP_HOST = '127.0.0.1'
  process.env.SMTP_PORT = String((server.server.address() as AddressInfo).port)
  process.env.APP_ORIGIN = appOrigin
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()))
  return { inbox, close }
}
