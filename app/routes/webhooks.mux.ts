import type { ActionFunctionArgs } from '@remix-run/node'
import { receiveMuxWebhook, WebhookSignatureError } from '~/models/video.server'
import { muxEnabled } from '~/utils/env.server'

/** Mux webhooks: verified on the raw body, stored by event id, processed by the video worker. */
export async function action({ request }: ActionFunctionArgs) {
  if (!muxEnabled) return new Response('Mux is not configured', { status: 404 })
  const raw = await request.text()
  try {
    const { duplicate } = await receiveMuxWebhook(raw, request.headers)
    return Response.json({ received: true, duplicate })
  } catch (e) {
    if (e instanceof WebhookSignatureError)
      return new Response('Invalid signature', { status: 400 })
    throw e
  }
}
