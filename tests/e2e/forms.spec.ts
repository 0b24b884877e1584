// The GET forms (search and filters) on Conform + Zod, without JavaScript: the URL is parsed with
// the form's own schema; a value that does not fit is ignored, and the form says so next to the
// field, in the reader's language; never an error page.
import { expect, test } from '@playwright/test'
import { withDb } from './db'
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
  // The JP filter lists PNS only (a PPPK has a 24 JP cap, not a 20 JP minimum): it says so.
  await expect(page.locator('#filter option[value="below"]')).toHaveText('PNS di bawah 20 JP')
  // The scope sections are server-rendered markup (decision 095): there without JavaScript too.
  await expect(
    page.getByRole('heading', { level: 2, name: 'Peta kesenjangan kompetensi' }),
  ).toBeVisible()
  // A people-list key of the wrong shape is ignored the same way.
  await page.goto('/supervisi?after=..%2Fx')
  await expect(page.getByText('Nilai ini tidak dapat dipakai; filter ini diabaikan.')).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: 'Pegawai', exact: true })).toBeVisible()
})

// Decision 045: a POST form names its intent only by the button that submits it. Without
// JavaScript the browser sends that button's value, by a click or by Enter in a field (the form's
// first button); an action that got no intent would refuse (the user page answers 400).
test('profile: a jabatan to compare with that is unknown or her own is said; another one compares', async ({
  page,
}) => {
  await signInAs(page, accounts.learner2.nip)
  const own = await withDb(
    async (c) =>
      (
        await c.query<{ id: string; name: string }>(
          'SELECT j.id, j.name FROM "User" u JOIN "Jabatan" j ON j.id = u."jabatanId" WHERE u.nip = $1',
          [accounts.learner2.nip],
        )
      ).rows[0]!,
  )
  let res = await page.goto('/profile?target=zzz')
  expect(res!.status()).toBe(200)
  const form = page.locator('form#profile-target')
  await expect(form.getByText('Pilihan ini tidak dikenal; filter ini diabaikan.')).toBeVisible()
  await expect(page.getByRole('columnheader', { name: /^Standar (?!jabatan$)/ })).toHaveCount(0)
  // Her own jabatan is not among the choices; asked for by URL, the page says why it is not compared.
  await expect(page.locator(`#target option[value="${own.id}"]`)).toHaveCount(0)
  res = await page.goto(`/profile?target=${own.id}`)
  expect(res!.status()).toBe(200)
  await expect(form.getByText(/Ini jabatan Anda sendiri/)).toBeVisible()

  // Another jabatan, chosen in the form and submitted without JavaScript: its standard is shown.
  const other = page.locator('#target option:not([value=""])').first()
  const name = (await other.textContent())!.trim()
  await page.locator('#target').selectOption({ label: name })
  await form.getByRole('button').click()
  await expect(page).toHaveURL(/[?&]target=/)
  await expect(page.locator('.error-list')).toHaveCount(0)
  await expect(page.getByRole('columnheader', { name: `Standar ${name}` }).first()).toBeVisible()

  await switchLanguage(page, 'en')
  await page.goto(`/profile?target=${own.id}`)
  await expect(page.getByText(/This is your own jabatan/)).toBeVisible()
  await switchLanguage(page, 'id')
})

test('without JavaScript the submitting button carries the intent, by click and by Enter', async ({
  page,
}) => {
  await signInAs(page, accounts.admin.nip)
  await page.goto('/admin/users')
  await page.locator('table a[href^="/admin/users/"]').first().click()
  const name = page.getByLabel('Nama lengkap (dengan gelar)')
  /** Submits by `act` and returns the POST's body and status (a refused intent is a 400). */
  const post = async (act: () => Promise<void>) => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      act(),
    ])
    await page.waitForLoadState()
    return { body: response.request().postData() ?? '', status: response.status() }
  }
  for (const act of [
    () => page.getByRole('button', { name: 'Simpan perubahan', exact: true }).click(),
    () => name.press('Enter'),
  ]) {
    const { body, status } = await post(act)
    expect(status).toBe(200)
    // The intent once (no hidden input beside the button).
    expect(body.match(/(^|&)intent=update(&|$)/g)).toHaveLength(1)
    await expect(page.getByText('Perubahan disimpan.')).toBeVisible()
  }

  // A studio form (IntentForm): its button gets the intent from the form. Renaming a module to
  // its own title by Enter saves (nothing changes) instead of being refused (400): the course page
  // answers a post without JavaScript with a redirect back to itself (decision 110).
  await page.context().clearCookies()
  await signInAs(page, accounts.instructor.nip)
  await page.goto('/studio/courses')
  await page.locator('main a[href^="/studio/courses/"]').first().click()
  const rename = page.locator('input[id^="rename-"]').first()
  const { body, status } = await post(() => rename.press('Enter'))
  expect(status).toBe(303)
  expect(body).toMatch(/(^|&)intent=module-rename(&|$)/)
  await expect(page.getByTestId('course-saved')).toBeVisible()
})
