// Pages of the org area (issue 13 items 3, 6, 7, 8): the organisation tree admin, the audit log,
// notification settings and the home pages, at 390 px, axe WCAG 2.1 AA, in both languages; and the
// tree's forms used without JavaScript.
import { expect, test } from '@playwright/test'
import { accounts, signInAs } from './helpers'
import { checkPage, switchLanguage, type Problem } from './page-check'

test.use({ viewport: { width: 390, height: 844 } })

for (const lng of ['id', 'en'] as const) {
  test.describe(`org pages at 390 px (${lng})`, () => {
    test.describe.configure({ timeout: 180_000 })

    test(`admin: tree, a unit's edit panel, audit log, settings (${lng})`, async ({ page }) => {
      await signInAs(page, accounts.admin.nip)
      await switchLanguage(page, lng)
      const problems: Problem[] = []
      await checkPage(page, '/admin/org', lng, problems)
      const bpkad = page.getByTestId('unit-BPKAD').first()
      // BPKAD counts the people of its Bidang Akuntansi: never "0 pegawai".
      await expect(bpkad.locator('.count').first()).not.toContainText('· 0 ')
      const href = await bpkad.locator('a').first().getAttribute('href')
      await checkPage(page, href!, lng, problems)
      await expect(page.getByTestId('org-edit')).toBeVisible()
      await checkPage(page, '/admin/audit', lng, problems)
      await checkPage(page, '/admin/audit?entity=Unit&from=2026-01-01', lng, problems)
      await checkPage(page, '/settings/notifikasi', lng, problems)
      await checkPage(page, '/', lng, problems)
      expect(problems).toEqual([])
    })

    test(`learner and supervisor homes (${lng})`, async ({ page }) => {
      await signInAs(page, accounts.supervisor.nip)
      await switchLanguage(page, lng)
      const problems: Problem[] = []
      await checkPage(page, '/', lng, problems)
      await expect(page.getByTestId('continue')).toBeVisible()
      await expect(page.getByTestId('assigned')).toBeVisible()
      await checkPage(page, '/settings/notifikasi', lng, problems)
      await checkPage(page, '/notifications', lng, problems)
      expect(problems).toEqual([])
    })
  })
}

test.describe('organisation tree without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('adds a unit, refuses a duplicate code and a move into its own subtree, audited', async ({
    page,
  }) => {
    await signInAs(page, accounts.admin.nip)
    await page.goto('/admin/org')
    const code = `BPKAD.UJI${Date.now() % 100000}`
    const add = page.getByTestId('org-add')
    const bpkadId = await add
      .locator('#add-parent option', { hasText: '(BPKAD)' })
      .first()
      .getAttribute('value')
    await add.getByLabel('Unit induk').selectOption(bpkadId!)
    await add.getByLabel(/^Kode unit/).fill(code)
    await add.getByLabel('Nama unit').fill('Bidang Uji Coba')
    await add.getByLabel('Jenis unit').selectOption('BIDANG')
    await add.getByRole('button', { name: 'Tambah unit' }).click()
    await expect(page.getByTestId('org-done')).toHaveText('Unit Bidang Uji Coba ditambahkan.')

    // The same code again: a clear Indonesian refusal, nothing written.
    await add.getByLabel('Unit induk').selectOption(bpkadId!)
    await add.getByLabel(/^Kode unit/).fill(code.toLowerCase())
    await add.getByLabel('Nama unit').fill('Bidang Lain')
    await add.getByRole('button', { name: 'Tambah unit' }).click()
    await expect(page.getByTestId('org-error')).toContainText(`Kode ${code} sudah dipakai`)

    // BPKAD cannot move under its own Bidang Akuntansi: the form does not even offer it, and
    // a forged post is refused with the reason.
    await page.goto('/admin/org')
    await page.getByTestId('unit-BPKAD').locator('a').first().click()
    const options = await page.locator('#move-parent option').allInnerTexts()
    expect(options.some((o) => o.includes('BPKAD.AKT'))).toBe(false)
    const aktHref = await page
      .getByTestId('unit-BPKAD.AKT')
      .locator('a')
      .first()
      .getAttribute('href')
    const aktId = new URL(aktHref!, 'http://x').searchParams.get('unit')!
    const origin = new URL(page.url()).origin
    const res = await page.request.post('/admin/org', {
      headers: { Origin: origin },
      form: { intent: 'move', unitId: bpkadId!, parentId: aktId },
    })
    expect(res.status()).toBe(409)
    expect(await res.text()).toContain('karena Bidang Akuntansi berada di dalam')

    await page.goto('/admin/audit?action=unit.create')
    await expect(page.getByTestId('audit-entries')).toContainText(code)
  })
})
