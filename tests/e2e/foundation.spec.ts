import { expect, test } from '@playwright/test'
import { accounts, expectAccessible, PASSWORD, signIn, signInAs, signOut } from './helpers'

test('the sign-in page is accessible and in Indonesian', async ({ page }) => {
  await page.goto('/login')
  await expect(page.getByRole('heading', { name: 'Masuk ke Bina' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'id')
  await expectAccessible(page)
})

for (const role of ['learner', 'instructor', 'supervisor', 'admin'] as const) {
  test(`${role} signs in, sees their home page, and signs out`, async ({ page }) => {
    await signIn(page, accounts[role].nip)
    await expect(
      page.getByRole('heading', { name: `Selamat datang, ${accounts[role].name}` }),
    ).toBeVisible()
    await expect(page.getByTestId('my-unit')).not.toHaveText('Belum ditetapkan')
    await expect(page.getByTestId('my-jabatan')).not.toHaveText('Belum ditetapkan')
    if (role === 'admin') {
      await expect(page.getByTestId('admin-summary')).toContainText('perangkat daerah')
      await expect(page.getByRole('link', { name: 'Pengguna', exact: true })).toBeVisible()
    } else {
      await expect(page.getByRole('link', { name: 'Pengguna', exact: true })).toHaveCount(0)
    }
    if (role === 'supervisor') await expect(page.getByTestId('team-count')).toContainText('pegawai')
    if (role === 'learner') await expect(page.getByTestId('jp-summary')).toContainText('JP')
    await expectAccessible(page)
    await signOut(page)
    await page.goto('/')
    await expect(page).toHaveURL(/\/login/)
  })
}

test('a wrong password and a malformed NIP get clear answers', async ({ page }) => {
  await signIn(page, accounts.instructor.nip, 'bukan-kata-sandinya')
  await expect(page.getByRole('alert')).toHaveText('NIP/email atau kata sandi salah.')
  await signIn(page, '19850312201001300', PASSWORD)
  await expect(page.getByRole('alert')).toContainText('NIP harus terdiri dari 18 digit angka')
  // A number that fails the PNS rules gets the same answer as an unknown one: whether an account
  // exists (a PPPK number need not follow them) is never told apart.
  await signIn(page, '198502302010011003', PASSWORD)
  await expect(page.getByRole('alert')).toHaveText('NIP/email atau kata sandi salah.')
})

test('repeated failures delay the account with a clear message', async ({ page }) => {
  for (let i = 0; i < 5; i++) {
    await signIn(page, accounts.learner2.nip, `salah-${i}-kata-sandi`)
    await expect(page.getByRole('alert')).toHaveText('NIP/email atau kata sandi salah.')
  }
  await signIn(page, accounts.learner2.nip, PASSWORD)
  await expect(page.getByRole('alert')).toContainText('Terlalu banyak percobaan masuk yang gagal')
})

test('a supervisor sees their team and is refused a person outside their unit', async ({
  page,
}) => {
  await signInAs(page, accounts.admin.nip)
  await page.goto(`/admin/users?q=${accounts.learner2.nip}`)
  const outsiderHref = await page
    .getByRole('link', { name: accounts.learner2.name })
    .getAttribute('href')
  const outsiderId = outsiderHref!.split('/').pop()!
  await signOut(page)

  await signInAs(page, accounts.supervisor.nip)
  await page.getByRole('link', { name: 'Tim Saya' }).click()
  await expect(page.getByRole('link', { name: accounts.learner.name })).toBeVisible()
  await expectAccessible(page)
  const res = await page.goto(`/team/${outsiderId}`)
  expect(res?.status()).toBe(403)
  await expect(page.getByRole('heading', { name: 'Akses ditolak' })).toBeVisible()
  await expect(page.getByTestId('error-message')).toContainText('di luar unit Anda')
  const admin = await page.goto('/admin/users')
  expect(admin?.status()).toBe(403)
})

test('a forged cross-site POST is refused', async ({ page, request }) => {
  await signInAs(page, accounts.learner.nip)
  const cookies = await page.context().cookies()
  const session = cookies.find((c) => c.name === 'bina_session')!
  const res = await request.post('/logout', {
    headers: { Origin: 'https://evil.example', Cookie: `bina_session=${session.value}` },
    maxRedirects: 0,
  })
  expect(res.status()).toBe(403)
  expect(await res.text()).toContain('Permintaan ditolak')
  await page.reload()
  await expect(page.getByRole('heading', { name: /Selamat datang/ })).toBeVisible()
})

test('an admin creates an account and its owner finds a welcome notification', async ({ page }) => {
  await signInAs(page, accounts.admin.nip)
  await page.goto('/admin/users/new')
  await expectAccessible(page)
  await page.getByLabel(/^NIP 18 digit/).fill('19880229 201503 2 007')
  await page.getByLabel('Nama lengkap (dengan gelar)').fill('Maya Sari, S.Kom.')
  await page.getByLabel('Email').fill('maya.sari@test.jambiprov.go.id')
  await page.getByLabel('Unit kerja').selectOption({ index: 2 })
  await page.getByLabel('Jabatan').selectOption({ index: 1 })
  await page.getByRole('button', { name: 'Simpan' }).click()
  await expect(page.getByTestId('created')).toContainText('Maya Sari')
  const temp = (await page.getByTestId('temp-password').textContent())!.trim()
  // The same NIP again is refused with a specific message, nothing written twice.
  await page.getByLabel(/^NIP 18 digit/).fill('198802292015032007')
  await page.getByLabel('Nama lengkap (dengan gelar)').fill('Maya Sari Kedua')
  await page.getByLabel('Email').fill('maya.kedua@test.jambiprov.go.id')
  await page.getByLabel('Unit kerja').selectOption({ index: 2 })
  await page.getByLabel('Jabatan').selectOption({ index: 1 })
  await page.getByRole('button', { name: 'Simpan' }).click()
  await expect(page.getByText('NIP sudah terdaftar.')).toBeVisible()
  await signOut(page)

  // A temporary password must be changed first: every page leads to the change page.
  await signIn(page, 'maya.sari@test.jambiprov.go.id', temp)
  await expect(page).toHaveURL(/\/settings\/password$/)
  await page.goto('/courses')
  await expect(page).toHaveURL(/\/settings\/password$/)
  await page.getByLabel('Kata sandi saat ini').fill(temp)
  await page.getByLabel(/^Kata sandi baru/).fill('Sungai-Batanghari-2026')
  await page.getByLabel('Ulangi kata sandi baru').fill('Sungai-Batanghari-2026')
  await page.getByRole('button', { name: 'Simpan kata sandi baru' }).click()
  await expect(
    page.getByRole('heading', { name: 'Selamat datang, Maya Sari, S.Kom.' }),
  ).toBeVisible()
  await expect(async () => {
    await page.reload()
    await expect(page.getByTestId('unread-count')).toHaveText('1', { timeout: 500 })
  }).toPass({ timeout: 15_000 })
  await page.getByRole('link', { name: /Notifikasi/ }).click()
  await expect(page.getByTestId('notifications')).toContainText('Selamat datang di Bina')
})

test('English can be chosen and the choice is kept', async ({ page }) => {
  await page.goto('/login')
  await page.getByLabel('Bahasa').selectOption('en')
  await page.getByRole('button', { name: 'OK' }).click()
  await expect(page.getByRole('heading', { name: 'Sign in to Bina' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await page.getByLabel('Language').selectOption('id')
  await page.getByRole('button', { name: 'OK' }).click()
  await expect(page.getByRole('heading', { name: 'Masuk ke Bina' })).toBeVisible()
})

test('/healthz reports the database and Redis', async ({ request }) => {
  const res = await request.get('/healthz')
  expect(res.status()).toBe(200)
  const body = await res.json()
  expect(body).toMatchObject({ status: 'ok', database: { ok: true }, redis: { ok: true } })
})
