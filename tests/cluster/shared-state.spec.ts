// Runs only in playwright.cluster.config.ts (two web processes behind a round-robin proxy): the
// proxy really alternates, a session and the sign-in throttle are shared by both processes.
import { expect, test } from '@playwright/test'
import { accounts, signInAs } from '../e2e/helpers'

test('consecutive requests alternate between the two web processes', async ({ request }) => {
  const seen = new Set<string>()
  for (let i = 0; i < 4; i++) {
    const r = await request.get('/healthz')
    expect(r.status()).toBe(200)
    seen.add(r.headers()['x-bina-backend']!)
  }
  expect([...seen].sort()).toEqual(['0', '1'])
})

test('a session started on one process is honoured by the other', async ({ page }) => {
  await signInAs(page, accounts.learner2.nip)
  const backends = new Set<string>()
  for (const path of ['/courses', '/profile', '/sertifikat', '/notifications']) {
    const r = await page.goto(path)
    expect(r!.status(), path).toBe(200)
    backends.add(r!.headers()['x-bina-backend']!)
    await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible()
  }
  expect(backends.size).toBe(2)
})

test('sign-in failures counted on both processes slow the account down together', async ({
  request,
  baseURL,
}) => {
  // An identifier nobody has: its counter works like an account's (5 free failures).
  const identifier = '199912312020121999'
  const post = () =>
    request.post('/login', {
      headers: { Origin: baseURL! },
      form: { identifier, password: 'salah-sekali-123' },
      maxRedirects: 0,
    })
  const backends = new Set<string>()
  for (let i = 0; i < 5; i++) {
    const r = await post()
    expect(r.status()).toBe(400)
    backends.add(r.headers()['x-bina-backend']!)
  }
  expect(backends.size).toBe(2)
  // Neither process saw five failures by itself; together they did: the next answer waits.
  for (let i = 0; i < 2; i++) {
    const r = await post()
    expect(r.status()).toBe(429)
    expect(Number(r.headers()['retry-after'])).toBeGreaterThan(20)
  }
})
