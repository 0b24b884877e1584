// Program composition (AKPK): the program team composes a program from the measured needs of an
// OPD, assigns an activity (the workers enrol the target group in the background), sees the
// progress change as people finish, downloads the AKPK rows; the new pages pass the page check
// (390 px, axe WCAG 2.1 AA, both languages).
import ExcelJS from 'exceljs'
import { expect, test } from '@playwright/test'
import { withDb } from './db'
import { accounts, signInAs } from './helpers'
import { checkPage, switchLanguage, type Problem } from './page-check'

test.use({ viewport: { width: 390, height: 844 } })

test('compose a program from the needs, assign it in the background, see progress', async ({
  page,
}) => {
  test.setTimeout(180_000)
  const ref = await withDb(async (c) => {
    const unit = await c.query(`SELECT id FROM "Unit" WHERE code = 'BPKAD'`)
    // A published course and the competency it develops, named by someone's jabatan in BPKAD.
    const pick = await c.query(
      `SELECT cc."courseId", cc."competencyId" FROM "CourseCompetency" cc
       JOIN "Course" co ON co.id = cc."courseId" AND co.status = 'PUBLISHED'
       JOIN "JabatanStandard" s ON s."competencyId" = cc."competencyId"
       JOIN "User" u ON u."jabatanId" = s."jabatanId" JOIN "Unit" un ON un.id = u."unitId"
       WHERE un.code LIKE 'BPKAD%' AND u.nip = $1 LIMIT 1`,
      [accounts.learner.nip],
    )
    return { unitId: unit.rows[0].id as string, ...pick.rows[0] }
  })
  await signInAs(page, accounts.admin.nip)
  await page.goto('/program')
  await page.getByLabel('Nama program').fill('AKPK BPKAD uji')
  await page.getByLabel('Tahun').fill('2027')
  await page.getByLabel('Lingkup organisasi').selectOption(ref.unitId)
  await page.getByRole('button', { name: 'Buat program' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'AKPK BPKAD uji' })).toBeVisible()
  const programPath = new URL(page.url()).pathname

  // The needs of BPKAD: competencies with people below the standard, JP shortfall.
  await expect(page.getByTestId('needs').locator('tbody tr').first()).toBeVisible()
  await expect(page.getByTestId('jp-shortfall')).toContainText('PNS')

  // Compose one activity for everyone in BPKAD (the learner among them).
  await page.getByLabel('Kompetensi', { exact: true }).selectOption(ref.competencyId)
  await page.getByLabel(/^Kursus/).selectOption(ref.courseId)
  await page.getByLabel(/^Unit sasaran/).selectOption(ref.unitId)
  await page.getByLabel('Metode').selectOption('ELEARNING')
  await page.getByLabel('Penyelenggara').fill('BPSDM Provinsi Jambi')
  await page.getByLabel('Mulai').fill('2027-02-01')
  await page.getByLabel('Selesai', { exact: true }).fill('2027-03-31')
  await page.getByLabel('Batas waktu').fill('2027-03-31')
  await page.getByLabel('JP', { exact: true }).fill('10')
  await page.getByLabel('Anggaran (Rp)').fill('12500000')
  await page.getByLabel('Sumber dana').fill('APBD')
  await page.getByRole('button', { name: 'Tambah kegiatan' }).click()
  const items = page.getByTestId('items')
  await expect(items.getByTestId('item-status').first()).toContainText('Rancangan')

  // Assign: the request returns at once; the workers enrol the group.
  await items.getByRole('button', { name: 'Tugaskan' }).click()
  await expect(page.getByRole('status')).toContainText('latar belakang')
  await expect(async () => {
    await page.goto(programPath)
    await expect(items.getByTestId('item-status').first()).toContainText('Ditugaskan', {
      timeout: 1_000,
    })
  }).toPass({ timeout: 60_000, intervals: [1_000] })
  const progress = items.getByTestId('item-progress').first()
  const before = Number((await progress.innerText()).match(/^(\d+)/)![1])
  const members = Number((await progress.innerText()).match(/dari (\d+)/)![1])
  expect(members).toBeGreaterThanOrEqual(2)

  // The learner sees the assignment (the notification) and finishes the course.
  await withDb((c) =>
    c.query(
      `UPDATE "Enrolment" SET status = 'COMPLETED', "completedAt" = now()
       WHERE "courseId" = $1 AND status = 'ACTIVE'
         AND "userId" = (SELECT id FROM "User" WHERE nip = $2)`,
      [ref.courseId, accounts.learner.nip],
    ),
  )
  await page.goto(programPath)
  await expect(progress).toContainText(`${before + 1} dari ${members}`)

  // The AKPK rows as XLSX.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'XLSX' }).click(),
  ])
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(await download.path())
  const ws = wb.worksheets[0]!
  expect(ws.getRow(1).getCell(2).value).toBe('Kompetensi')
  expect(ws.getRow(2).getCell(8).value).toBe('BPSDM Provinsi Jambi')
  expect(ws.getRow(2).getCell(12).value).toBe(10)

  // The learner was notified.
  await page.context().clearCookies()
  await signInAs(page, accounts.learner.nip)
  await expect(async () => {
    await page.goto('/notifications')
    await expect(page.getByText('Kursus ditugaskan').first()).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 30_000, intervals: [1_000] })

  // Page check of the new pages, both languages.
  await page.context().clearCookies()
  await signInAs(page, accounts.admin.nip)
  const problems: Problem[] = []
  for (const lng of ['id', 'en'] as const) {
    await switchLanguage(page, lng)
    await checkPage(page, '/program', lng, problems)
    await checkPage(page, programPath, lng, problems)
  }
  await switchLanguage(page, 'id')
  expect(problems).toEqual([])
})

test('a learner cannot open the program pages', async ({ page }) => {
  await signInAs(page, accounts.learner.nip)
  const res = await page.request.get('/program')
  expect(res.status()).toBe(403)
})
