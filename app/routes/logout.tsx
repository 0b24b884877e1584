import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { logout } from '~/utils/auth.server'

export async function action({ request }: ActionFunctionArgs) {
  const cookie = await logout(request)
  return redirect('/login?reason=signed-out', { headers: { 'Set-Cookie': cookie } })
}

export async function loader() {
  return redirect('/')
}
