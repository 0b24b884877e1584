// Supervisor dashboard: scoped to the supervisor's subtree, drill-down to a person's gaps, XLSX
// export that opens with exceljs, and 403 for a person outside the subtree.
import ExcelJS from 'exceljs'
import { expect, test } from '@playwright/test'
import { withDb } from './db'
import { accounts, signInAs } from './helpers'
import { checkPage, switchLanguage, type Problem } from './page-check'

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

/**
 * A person of the supervisor's Bidang Akuntansi with two certificates: one valid with its PDF
 * stored, one revoked (no PDF). Written straight to the database (the certificate job's PDF is
 * not what this checks); returns the person's id and the two codes.
 */
async function personWithCertificates() {
  const stamp = String(Date.now()).slice(-8)
  return withDb(async (c) => {
    const { rows: sup } = await c.query('SELECT "unitId" FROM "User" WHERE nip = $1', [
      accounts.learner.nip,
    ])
    const unitId = sup[0].unitId as string
    const id = `e2e-cert-${stamp}`
    await c.query(
      `INSERT INTO "User" (id, nip, name, email, "unitId", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, now())`,
      [
        id,
        `1990010120150${stamp.slice(-5)}`,
        `Pemegang Sertifikat ${stamp}`,
        `${id}@uji.go.id`,
        unitId,
      ],
    )
    const { rows: courses } = await c.query(
      `SELECT id, title, "currentVersionId" FROM "Course" WHERE status = 'PUBLISHED' ORDER BY slug LIMIT 2`,
    )
    const codes: string[] = []
    for (const [i, course] of courses.entries()) {
      const enrolmentId = `${id}-e${i}`
      await c.query(
        `INSERT INTO "Enrolment" (id, "userId", "courseId", "courseVersionId", status, "completedAt")
         VALUES ($1, $2, $3, $4, 'COMPLETED', now())`,
        [enrolmentId, id, course.id, course.currentVersionId],
      )
      const code = `UJIA-${stamp.slice(0, 4)}-${stamp.slice(4)}-CER${i}-TV`
      codes.push(code)
      await c.query(
        `INSERT INTO "Certificate" (id, code, "enrolmentId", "userId", "courseId", "holderName",
           "holderNip", "courseTitle", "courseVersion", jp, "completedAt", "issuedAt", competencies,
           "signerName", "signerTitle", "signerNip", "pdfKey", "revokedAt", "revokedReason")
         VALUES ($1, $2, $3, $4, $5, 'Uji', '0', $6, 1, 3, now(), $7, '[]', 'Penanda', 'Kepala', '0',
           $8, $9, $10)`,
        [
          `${id}-c${i}`,
          code,
          enrolmentId,
          id,
          course.id,
          course.title,
          new Date(Date.UTC(2026, 2 + i, 10, 3)),
          i === 0 ? `certificates/${code}.pdf` : null,
          i === 0 ? null : new Date(Date.UTC(2026, 5, 1, 3)),
          i === 0 ? null : 'DATA_ERROR',
        ],
      )
    }
    return { id, codes: codes as [string, string], titles: courses.map((r) => r.title as string) }
  })
}

test.describe('person drill-down: certificates', () => {
  test.use({ viewport: { width: 360, height: 780 } })

  test('listed with code, course, date, status and links, at 360 px in both languages', async ({
    page,
  }) => {
    test.setTimeout(120_000)
    const holder = await personWithCertificates()
    await signInAs(page, accounts.supervisor.nip)
    const problems: Problem[] = []
    for (const lng of ['id', 'en'] as const) {
      await switchLanguage(page, lng)
      await checkPage(page, `/supervisi/pegawai/${holder.id}`, lng, problems)
      const table = page.getByTestId('person-certificates')
      const valid = table.getByTestId(`certificate-${holder.codes[0]}`)
      const revoked = table.getByTestId(`certificate-${holder.codes[1]}`)
      await expect(valid).toContainText(holder.titles[0]!)
      await expect(valid).toContainText(lng === 'id' ? 'Sah' : 'Valid')
      await expect(valid).toContainText('10 Mar 2026')
      await expect(revoked).toContainText(holder.titles[1]!)
      await expect(revoked).toContainText(lng === 'id' ? 'Dicabut' : 'Revoked')
      await expect(
        valid.getByRole('link', { name: lng === 'id' ? 'Verifikasi' : 'Verify' }),
      ).toHaveAttribute('href', `/verifikasi/${holder.codes[0]}`)
      await expect(valid.locator(`a[href="/sertifikat/unduh/${holder.codes[0]}"]`)).toHaveCount(1)
      // No PDF for the revoked one (none was stored): no download link.
      await expect(revoked.locator('a[href^="/sertifikat/unduh/"]')).toHaveCount(0)
    }
    await switchLanguage(page, 'id')
    expect(problems).toEqual([])
  })
})

test.describe('person drill-down without JavaScript', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 780 } })

  test('the certificates are in the server-rendered page', async ({ page }) => {
    const holder = await personWithCertificates()
    await signInAs(page, accounts.supervisor.nip)
    await page.goto(`/supervisi/pegawai/${holder.id}`)
    const table = page.getByTestId('person-certificates')
    await expect(table.locator('tbody tr')).toHaveCount(2)
    await expect(table.locator('code')).toHaveText([holder.codes[1], holder.codes[0]])
    await expect(table.getByRole('link', { name: 'Verifikasi' })).toHaveCount(2)
  })
})
