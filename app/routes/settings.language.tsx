import { data, redirect, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { lngCookie } from '~/i18next.server'
import { InvalidError } from '~/utils/errors'
import { safeRedirect } from '~/utils/misc'

const schema = z.object({ lng: z.enum(['id', 'en']), redirectTo: z.string().optional() })

export async function action({ request }: ActionFunctionArgs) {
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) throw data(new InvalidError('language.unknown').toPayload(), { status: 400 })
  return redirect(safeRedirect(parsed.data.redirectTo), {
    headers: { 'Set-Cookie': await lngCookie.serialize(parsed.data.lng) },
  })
}
