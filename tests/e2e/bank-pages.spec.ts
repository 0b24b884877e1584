// The question bank studio (issue 12): the builder with every type, a GIFT import with its preview,
// the item analysis page, and the page check (390 px, axe, both languages) of each new page.
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { accounts, signInAs } from './helpers'
import { checkPage, switchLanguage, type Problem } from './page-check'

const COURSE_TITLE = 'Pengelolaan Keuangan Daerah'
// Unique per run: the e2e database keeps what earlier runs wrote.
const STAMP = Date.now().toString(36)
const CATEGORY = `E2E Uji ${STAMP}`

async function openBank(page: Page) {
  await page.goto('/authoring/bank')
  await page.getByRole('link', { name: new RegExp(COURSE_TITLE) }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText(COURSE_TITLE)
  return page.url().replace(/^https?:\/\/[^/]+/, '')
}

async function newQuestion(page: Page, base: string, fill: (page: Page) => Promise<void>) {
  await page.goto(`${base}/questions/baru`)
  await page.getByLabel('Kategori', { exact: true }).selectOption({ label: CATEGORY })
  await fill(page)
  await page.getByRole('button', { name: 'Simpan soal' }).click()
  await expect(page.getByTestId('bank-notice')).toContainText('versi baru')
}

test('an instructor builds questions of six types, edits one into a new version, imports GIFT', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await signInAs(page, accounts.admin.nip)
  const base = await openBank(page)
  await page.getByLabel('Nama kategori').fill(CATEGORY)
  await page.getByRole('button', { name: 'Buat kategori' }).click()
  await expect(page.getByTestId('bank-notice')).toContainText('Kategori dibuat')

  const type = (p: Page, label: string) => p.getByLabel('Jenis soal').selectOption({ label })
  await newQuestion(page, base, async (p) => {
    await type(p, 'Pilihan ganda (satu jawaban)')
    await p.getByLabel('Teks soal').fill('Siapa yang menerbitkan SP2D di pemerintah daerah?')
    await p.getByLabel('Pilihan 1', { exact: true }).fill('Bendahara Umum Daerah')
    await p.getByLabel('Pilihan 1 benar').check()
    await p.getByLabel('Umpan balik pilihan 1').fill('Tepat, BUD menerbitkan SP2D.')
    await p.getByLabel('Pilihan 2', { exact: true }).fill('Camat')
  })
  await newQuestion(page, base, async (p) => {
    await type(p, 'Pilihan ganda (beberapa jawaban)')
    await p.getByLabel('Teks soal').fill('Pilih dokumen penatausahaan belanja.')
    await p.getByLabel('Pilihan 1', { exact: true }).fill('SPP')
    await p.getByLabel('Pilihan 1 benar').check()
    await p.getByLabel('Pilihan 2', { exact: true }).fill('SPM')
    await p.getByLabel('Pilihan 2 benar').check()
    await p.getByLabel('Pilihan 3', { exact: true }).fill('Surat cuti')
  })
  await newQuestion(page, base, async (p) => {
    await type(p, 'Benar/Salah')
    await p.getByLabel('Teks soal').fill('APBD ditetapkan dengan Peraturan Daerah.')
    await p.getByLabel('Jawaban yang benar').selectOption('true')
  })
  await newQuestion(page, base, async (p) => {
    await type(p, 'Jawaban singkat')
    await p.getByLabel('Teks soal').fill(`BUD ${STAMP}: singkatan dari apa?`)
    await p.getByLabel('Jawaban yang diterima').fill('BUD')
  })
  await newQuestion(page, base, async (p) => {
    await type(p, 'Angka dengan toleransi')
    await p.getByLabel('Teks soal').fill('Berapa persen PPN saat ini?')
    await p.getByLabel('Jawaban angka').fill('11')
    await p.getByLabel('Toleransi').fill('0,5')
  })
  await newQuestion(page, base, async (p) => {
    await type(p, 'Esai')
    await p.getByLabel('Teks soal').fill('Jelaskan fungsi SPIP dalam pengelolaan keuangan daerah.')
  })
  // A bad save is refused with a specific message and writes nothing.
  await page.goto(`${base}/questions/baru`)
  await page.getByLabel('Teks soal').fill('Soal tanpa kunci jawaban')
  await page.getByLabel('Pilihan 1', { exact: true }).fill('A')
  await page.getByLabel('Pilihan 2', { exact: true }).fill('B')
  await page.getByRole('button', { name: 'Simpan soal' }).click()
  await expect(page.getByText('tepat 1 pilihan benar')).toBeVisible()

  // Editing makes version 2.
  await page.goto(base)
  await page.getByRole('link', { name: new RegExp(`Ubah soal: BUD ${STAMP}`) }).click()
  await expect(page.getByTestId('question-version')).toContainText('Versi saat ini: 1')
  await page.getByLabel('Jawaban yang diterima').fill('BUD\nBendahara Umum Daerah')
  await page.getByRole('button', { name: 'Simpan sebagai versi baru' }).click()
  await expect(page.getByTestId('bank-notice')).toContainText('versi baru')
  await page.getByRole('link', { name: new RegExp(`Ubah soal: BUD ${STAMP}`) }).click()
  await expect(page.getByTestId('question-version')).toContainText('Versi saat ini: 2')
  // The edit is a draft of the course (decision 111): the publish review names the question.
  await page.goto(base)
  await page.getByRole('link', { name: 'Tinjau dan terbitkan' }).click()
  await expect(page.getByTestId('diff-questions-added')).toContainText(
    `BUD ${STAMP}: singkatan dari apa?`,
  )

  // Import: the preview lists questions and refusals; nothing is saved before the confirm.
  await page.goto(`${base}/import`)
  await page
    .getByLabel(/Berkas bank soal/)
    .setInputFiles(path.resolve('tests/fixtures/moodle/bank.gift'))
  await page.getByRole('button', { name: 'Tampilkan pratinjau' }).click()
  await expect(page.getByTestId('import-row')).toHaveCount(7)
  await expect(page.getByTestId('import-problems')).toContainText('SP-08 Pasangan')
  await expect(page.getByTestId('import-problems')).toContainText('SP-09 Rusak')
  await page.getByRole('button', { name: 'Konfirmasi: impor 7 soal' }).click()
  await expect(page.getByTestId('bank-notice')).toContainText('Impor selesai')
  await expect(page.getByRole('heading', { name: /Pelayanan Publik\/Survei/ })).toBeVisible()
})

test('the item analysis page shows the distribution chart and the items', async ({ page }) => {
  await signInAs(page, accounts.admin.nip)
  await openBank(page)
  await page.getByRole('link', { name: 'Analisis butir soal' }).first().click()
  await expect(page.getByTestId('distribution-chart')).toBeVisible()
  await expect(page.getByTestId('attempt-stats')).toContainText('Percobaan yang sudah dinilai')
})

test('bank pages pass the page check at 390 px in both languages', async ({ page }) => {
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 390, height: 844 })
  await signInAs(page, accounts.admin.nip)
  const base = await openBank(page)
  await page.getByRole('link', { name: 'Analisis butir soal' }).first().click()
  const analysis = page.url().replace(/^https?:\/\/[^/]+/, '')
  const paths = ['/authoring/bank', base, `${base}/questions/baru`, `${base}/import`, analysis]
  const problems: Problem[] = []
  for (const lng of ['id', 'en'] as const) {
    await switchLanguage(page, lng)
    for (const p of paths) await checkPage(page, p, lng, problems)
  }
  await switchLanguage(page, 'id')
  expect(problems).toEqual([])
})
