// The fake Mux HTTP server (fake-mux.ts) as a process for the Mux e2e run (E2E_MUX=1 in
// scripts/e2e-server.sh, playwright.mux.config.ts): when a browser's PUT reaches an upload URL it
// sends Mux's `video.upload.asset_created` webhook, signed, to the portal; the asset's
// `video.asset.ready` (or `video.asset.errored`) follows when the test asks for it:
// POST /_control/uploads/<upload id>/ready (or /errored) on the next port. Usage:
//   node --import tsx tests/support/fake-mux-server.ts <port> <webhook url>
// with MUX_TOKEN_ID, MUX_TOKEN_SECRET and MUX_WEBHOOK_SECRET set as the portal has them.
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import { signMuxWebhook, startFakeMux, type FakeUpload } from './fake-mux'

const [port, webhookUrl] = [Number(process.argv[2]), process.argv[3]!]
const secret = process.env.MUX_WEBHOOK_SECRET!

async function deliver(type: string, object: { type: string; id: string }, data: object) {
  const body = JSON.stringify({
    type,
    object,
    id: randomUUID(),
    data,
    created_at: new Date().toISOString(),
  })
  const res = await fetch(webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'mux-signature': signMuxWebhook(body, secret) },
    body,
  })
  if (!res.ok) console.error(`[fake-mux] ${type}: the portal answered ${res.status}`)
}

const assets = new Map<string, string>()
const passthrough = (u: FakeUpload) => String(u.new_asset_settings.passthrough ?? '')

const fake = await startFakeMux({
  tokenId: process.env.MUX_TOKEN_ID!,
  tokenSecret: process.env.MUX_TOKEN_SECRET!,
  port,
  onUploaded: (upload) => {
    const assetId = `asset${randomUUID().replaceAll('-', '')}`
    assets.set(upload.id, assetId)
    void deliver(
      'video.upload.asset_created',
      { type: 'upload', id: upload.id },
      {
        id: upload.id,
        asset_id: assetId,
        new_asset_settings: upload.new_asset_settings,
        passthrough: passthrough(upload),
      },
    )
  },
})

// The control port (fake's port + 1): the test says when the asset is ready or failed.
http
  .createServer((req, res) => {
    // GET /_control/uploads/<id>: how many bytes its upload URL received.
    const got = (req.url ?? '').match(/^\/_control\/uploads\/([^/]+)$/)
    if (req.method === 'GET' && got) {
      const bytes = fake.received.get(decodeURIComponent(got[1]!))
      res.writeHead(bytes ? 200 : 404, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ bytes: bytes?.length ?? 0 }))
      return
    }
    const m = (req.url ?? '').match(/^\/_control\/uploads\/([^/]+)\/(ready|errored)$/)
    const upload = m ? fake.uploads.get(decodeURIComponent(m[1]!)) : undefined
    const assetId = upload ? assets.get(upload.id) : undefined
    if (req.method !== 'POST' || !upload || !assetId) {
      res.writeHead(404).end()
      return
    }
    const data = {
      id: assetId,
      upload_id: upload.id,
      passthrough: passthrough(upload),
      ...(m![2] === 'ready'
        ? {
            duration: 75.4,
            playback_ids: [{ id: `pb${randomUUID().slice(0, 8)}`, policy: 'public' }],
          }
        : {
            errors: { type: 'invalid_input', messages: ['The input file could not be processed.'] },
          }),
    }
    void deliver(`video.asset.${m![2]}`, { type: 'asset', id: assetId }, data).then(() =>
      res.writeHead(204).end(),
    )
  })
  .listen(port + 1, '127.0.0.1')

console.log(`fake Mux on ${fake.url}`)
