import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { lngCookie } from '~/i18next.server'
import { safeRedirect } from '~/utils/misc'

const schema = z.object({ lng: z.enum(['id', 'en']), redirectTo: z.string().optional() })

export async function action({ request }: ActionFunctionArgs) {
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success)
    throw new Response('Bahasa tidak dikenal. Pilih Bahasa Indonesia atau English.', {
      status: 400,
    })
  return redirect(safeRedirect(parsed.data.redirectTo), {
    headers: { 'Set-Cookie': await lngCookie.serialize(parsed.data.lng) },
  })
}
