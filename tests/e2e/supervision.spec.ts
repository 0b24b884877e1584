// Supervisor dashboard: scoped to the supervisor's subtree, drill-down to a person's gaps, XLSX
// export that opens with exceljs, and 403 for a person outside the subtree.
import ExcelJS from 'exceljs'
import { expect, test } from '@playwright/test'
import { withDb } from './db'
import { accounts, signInAs } from './helpers'

test('a supervisor sees only their subtree, drills down, exports XLSX; outsiders are 403', async ({
  page,
}) => {
  test.setTimeout(150_000)
  await signInAs(page, accounts.supervisor.nip)
  // The workers rebuild the aggregates on start and then every minute.
  await expect(async () => {
    await page.goto('/supervisi')
    await expect(page.getByTestId('people-table')).toContainText(accounts.learner.name, {
      timeout: 1_000,
    })
  }).toPass({ timeout: 120_000, intervals: [2_000] })
  const people = page.getByTestId('people-table')
  await expect(people).not.toContainText(accounts.learner2.name)
  await expect(people).not.toContainText(accounts.admin.name)
  await expect(page.getByTestId('scope-trail')).toContainText('Bidang Akuntansi')

  // The scope sections are markup the server rendered once (decision 095): still there once the
  // page has hydrated (taken back from the document, not from the route data).
  const heatmapHeading = page.getByRole('heading', {
    level: 2,
    name: 'Peta kesenjangan kompetensi',
  })
  await page.waitForLoadState('networkidle')
  await expect(heatmapHeading).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: 'Kursus' })).toBeVisible()

  // Drill down to the learner's competency gaps.
  await people.getByRole('link', { name: accounts.learner.name }).click()
  await expect(page.getByRole('heading', { level: 1, name: accounts.learner.name })).toBeVisible()
  const gaps = page.getByTestId('person-gaps')
  await expect(gaps.locator('tbody tr').first()).toBeVisible()
  // Back by a client-side navigation: the sections come in the route data this time.
  await page.getByRole('link', { name: /Kembali ke dasbor/ }).click()
  await expect(page.getByTestId('people-table')).toContainText(accounts.learner.name)
  await expect(heatmapHeading).toBeVisible()

  // Export the people table as XLSX and read it back: every person of the view, once.
  await page.goto('/supervisi')
  const pager = await page.locator('nav.pagination span').first().innerText()
  const total = Number(pager.match(/\((\d+)\)/)![1])
  const tables = page.getByTestId('people-table')
  const elsewhere = (await tables.count()) > 1 ? await tables.nth(1).locator('tbody tr').count() : 0
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-pegawai-xlsx').click(),
  ])
  const file = await download.path()
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  const ws = wb.worksheets[0]!
  expect(ws.getRow(1).getCell(1).value).toBe('NIP')
  expect(ws.getRow(1).getCell(2).value).toBe('Nama')
  const nips: string[] = []
  ws.eachRow((row, n) => {
    if (n > 1) nips.push(String(row.getCell(1).value))
  })
  expect(total).toBeGreaterThan(0)
  expect(nips).toHaveLength(total + elsewhere)
  expect(new Set(nips).size).toBe(nips.length)
  expect(nips).toContain(accounts.learner.nip)
  expect(nips).not.toContain(accounts.learner2.nip)
  expect(nips).not.toContain(accounts.supervisor.nip)

  // A person outside the subtree (and not a direct report) is refused.
  const outsider = await withDb(async (c) => {
    const r = await c.query('SELECT id FROM "User" WHERE nip = $1', [accounts.learner2.nip])
    return r.rows[0].id as string
  })
  const res = await page.request.get(`/supervisi/pegawai/${outsider}`)
  expect(res.status()).toBe(403)
  const exportOutside = await page.request.get(
    `/supervisi/ekspor/pegawai?format=csv&unit=${await withDb(async (c) => (await c.query('SELECT "unitId" FROM "User" WHERE nip = $1', [accounts.learner2.nip])).rows[0].unitId as string)}`,
  )
  expect(exportOutside.status()).toBe(403)
})
