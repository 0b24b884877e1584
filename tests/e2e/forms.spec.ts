// The GET forms (search and filters) on Conform + Zod, without JavaScript: the URL is parsed with
// the form's own schema; a value that does not fit is ignored, and the form says so next to the
// field, in the reader's language; never an error page.
import { expect, test } from '@playwright/test'
import { accounts, signInAs } from './helpers'
import { switchLanguage } from './page-check'

test.use({ javaScriptEnabled: false })

test('catalogue: a bad filter value is ignored with a message, the search still works', async ({
  page,
}) => {
  await signInAs(page, accounts.learner2.nip)
  const res = await page.goto('/courses?maxJp=abc&area=NOPE&q=')
  expect(res!.status()).toBe(200)
  const form = page.locator('form[role="search"]')
  await expect(form.getByText('JP paling banyak harus bilangan bulat 1–200')).toBeVisible()
  await expect(form.getByText('Pilihan ini tidak dikenal; filter ini diabaikan.')).toBeVisible()
  await expect(form.getByLabel('JP paling banyak')).toHaveAttribute('aria-invalid', 'true')
  // The ignored filters do not narrow the list.
  expect(await page.locator('.course-card').count()).toBeGreaterThan(0)

  // A plain GET submit of the form: the valid search applies and the messages are gone.
  await page.getByLabel('Cari kursus').fill('phishing')
  await page.getByLabel('JP paling banyak').fill('')
  await form.getByRole('button').click()
  await expect(page).toHaveURL(/[?&]q=phishing/)
  await expect(page.locator('.error-list')).toHaveCount(0)
  expect(await page.locator('.course-card').count()).toBeGreaterThanOrEqual(1)
})

test('audit log and user list: impossible dates and pages fall back, in English too', async ({
  page,
}) => {
  await signInAs(page, accounts.admin.nip)
  let res = await page.goto('/admin/audit?from=2026-02-30&page=-1')
  expect(res!.status()).toBe(200)
  await expect(page.getByText(/Tanggal harus tanggal yang ada/)).toBeVisible()
  await expect(page.getByText(/halaman pertama ditampilkan/)).toBeVisible()
  // The list answers with the remaining filters (a fresh database may hold no entry yet).
  await expect(page.getByTestId('audit-total')).toBeVisible()

  await switchLanguage(page, 'en')
  res = await page.goto('/admin/users?page=abc')
  expect(res!.status()).toBe(200)
  await expect(page.getByText(/the first page is shown/)).toBeVisible()
  await expect(page.locator('table a[href^="/admin/users/"]').first()).toBeVisible()
  await switchLanguage(page, 'id')
})

test('supervision: an unknown people filter shows everyone and says why', async ({ page }) => {
  await signInAs(page, accounts.supervisor.nip)
  const res = await page.goto('/supervisi?filter=nope&page=x')
  expect(res!.status()).toBe(200)
  await expect(page.getByText('Pilihan ini tidak dikenal; filter ini diabaikan.')).toBeVisible()
  await expect(page.locator('#filter')).toHaveValue('all')
  // The scope sections are server-rendered markup (decision 095): there without JavaScript too.
  await expect(
    page.getByRole('heading', { level: 2, name: 'Peta kesenjangan kompetensi' }),
  ).toBeVisible()
  // A people-list key of the wrong shape is ignored the same way.
  await page.goto('/supervisi?after=..%2Fx')
  await expect(page.getByText('Nilai ini tidak dapat dipakai; filter ini diabaikan.')).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: 'Pegawai', exact: true })).toBeVisible()
})
