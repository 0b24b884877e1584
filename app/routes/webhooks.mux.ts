import type { ActionFunctionArgs } from '@remix-run/node'
import { receiveMuxWebhook, WebhookSignatureError } from '~/models/video.server'
import { muxEnabled } from '~/utils/env.server'
import { InvalidError, NotFoundError } from '~/utils/errors'
import { withResourceErrors } from '~/utils/route-errors.server'

/** Mux webhooks: verified on the raw body, stored by event id, processed by the video worker. */
export const action = withResourceErrors(async ({ request }: ActionFunctionArgs) => {
  if (!muxEnabled) throw new NotFoundError('notFound')
  const raw = await request.text()
  try {
    const { duplicate } = await receiveMuxWebhook(raw, request.headers)
    return Response.json({ received: true, duplicate })
  } catch (e) {
    if (e instanceof WebhookSignatureError) throw new InvalidError('mux.badSignature')
    throw e
  }
})
