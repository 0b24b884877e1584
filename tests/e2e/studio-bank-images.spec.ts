// Images embedded in a Moodle XML bank (issue 12.5, decision 059): imported through the bank's
// import page, shown to the instructor in the question preview (/authoring/bank/:courseId/gambar)
// and to the learner in the quiz (/quiz/:attemptId/gambar), each image really loading in
// Chromium; another learner asking for the attempt's image, and a learner asking for the bank's,
// get nothing (403/404).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { accounts, signInAs } from './helpers'

// Unique per run: the e2e database keeps what earlier runs wrote.
const STAMP = Date.now().toString(36)
const TITLE = `Arsip Digital ASN ${STAMP}`
const SLUG = `arsip-digital-asn-${STAMP}`
const CATEGORY = `Arsip ${STAMP}`
const QUESTION = `Arsip ${STAMP}: surel pada gambar ini meminta kata sandi. Apa yang Anda lakukan?`
// A real 2x2 PNG (red pixels).
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg=='

/** A Moodle XML export (as Moodle 4 writes it) with one question whose text embeds the PNG. */
function moodleXml() {
  return `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category">
    <category><text>$course$/top/${CATEGORY}</text></category>
    <info format="moodle_auto_format"><text></text></info>
    <idnumber></idnumber>
  </question>
  <question type="multichoice">
    <name><text>Gambar ${STAMP}</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>${QUESTION}</p><p><img src="@@PLUGINFILE@@/surel%20${STAMP}.png" alt="Surel" width="2" height="2"></p>]]></text>
      <file name="surel ${STAMP}.png" path="/" encoding="base64">${PNG}</file>
    </questiontext>
    <generalfeedback format="html"><text></text></generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
    <single>true</single>
    <shuffleanswers>true</shuffleanswers>
    <answernumbering>abc</answernumbering>
    <answer fraction="100" format="html"><text><![CDATA[<p>Melapor ke admin TIK, tidak membalas</p>]]></text><feedback format="html"><text></text></feedback></answer>
    <answer fraction="0" format="html"><text><![CDATA[<p>Membalas dengan kata sandi</p>]]></text><feedback format="html"><text></text></feedback></answer>
  </question>
</quiz>
`
}

const pathOf = (page: Page) => new URL(page.url()).pathname

/** The image really loaded in the browser (decoded, with its pixel width). */
async function naturalWidth(page: Page, selector: string) {
  const img = page.locator(selector).first()
  await expect(img).toBeVisible()
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
    .toBe(2)
  return img.getAttribute('src')
}

test('an image imported from Moodle XML loads for the instructor and the learner, and for no one else', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000)
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bina-e2e-')), `bank-${STAMP}.xml`)
  fs.writeFileSync(file, moodleXml())
  await signInAs(page, accounts.instructor.nip)

  // A course with one quiz lesson.
  await page.goto('/studio/courses')
  await page.getByLabel('Judul kursus').fill(TITLE)
  await page
    .getByLabel('Ringkasan (2–3 kalimat)')
    .fill('Pengelolaan arsip digital dan surel dinas bagi ASN di lingkungan Pemprov Jambi.')
  await page.getByLabel('Bidang program').selectOption('LITERASI_DIGITAL')
  await page.getByLabel('JP (jam pelajaran) yang diberikan').fill('1')
  await page.getByRole('button', { name: 'Buat kursus' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE)
  const course = pathOf(page)
  const courseId = course.split('/').pop()!
  await page.locator('#comp-code').selectOption('M.04')
  await page.locator('#comp-level').selectOption('2')
  await page.getByRole('button', { name: 'Tambah / ubah kompetensi' }).click()
  await page.getByLabel('Judul modul baru').fill('Modul 1: Surel Dinas')
  await page.getByRole('button', { name: 'Tambah modul' }).click()
  const mod = page.getByTestId('module-0')
  await mod.getByLabel('Judul pelajaran').fill('Kuis Surel')
  await mod.getByLabel('Jenis pelajaran').selectOption('QUIZ')
  await mod.getByRole('button', { name: /^Tambah pelajaran/ }).click()
  await expect(mod.locator('ol li')).toHaveCount(1)
  // The 1 JP declared needs 45 minutes of required lessons (decision 066).
  await mod.getByRole('link', { name: 'Kuis Surel', exact: true }).click()
  await page.getByLabel('Durasi belajar (menit)').fill('45')
  await page.getByRole('button', { name: 'Simpan', exact: true }).click()
  await expect(page.getByTestId('lesson-result')).toContainText('Tersimpan')

  // The Moodle XML import: the preview counts the image, the confirm writes the question.
  const bank = `/authoring/bank/${courseId}`
  await page.goto(`${bank}/import`)
  await page.getByLabel(/Berkas bank soal/).setInputFiles(file)
  await page.getByRole('button', { name: 'Tampilkan pratinjau' }).click()
  await expect(page.getByTestId('import-row')).toHaveCount(1)
  await expect(page.getByTestId('import-row')).toContainText('1 gambar')
  await page.getByRole('button', { name: 'Konfirmasi: impor 1 soal' }).click()
  await expect(page.getByTestId('bank-notice')).toContainText('Impor selesai')

  // The instructor's preview of the question shows the image from the course's bank address.
  await page.getByRole('link', { name: new RegExp(`Pratinjau soal: Arsip ${STAMP}`) }).click()
  const bankSrc = await naturalWidth(page, 'img.bank-image')
  expect(bankSrc).toMatch(new RegExp(`^${bank}/gambar/[0-9a-f]{64}\\.png$`))

  // The quiz draws the imported category; publish.
  await page.goto(bank)
  await page.getByLabel('Kuis', { exact: true }).selectOption({ label: 'Kuis Surel' })
  await page.getByLabel('Kategori', { exact: true }).selectOption({ label: `${CATEGORY} (1)` })
  await page.getByLabel('Jumlah soal yang diundi').fill('1')
  await page.getByRole('button', { name: 'Tambahkan ke kuis' }).click()
  await expect(page.getByTestId('bank-notice')).toBeVisible()
  await page.goto(`${course}/publish`)
  await page.getByTestId('publish-confirm').click()
  await expect(page.getByTestId('publish-result')).toHaveText('Versi 1 diterbitkan.')

  // The learner's quiz shows the image from the attempt's address.
  const asnContext = await browser.newContext()
  const asn = await asnContext.newPage()
  await signInAs(asn, accounts.learner2.nip)
  await asn.goto(`/courses/${SLUG}`)
  await asn.getByRole('button', { name: 'Daftar kursus' }).click()
  await asn.waitForURL(/\/lessons\//)
  await asn.goto(`/courses/${SLUG}/lessons/kuis-surel`)
  await asn.getByRole('button', { name: 'Mulai kuis' }).click()
  await expect(asn.getByTestId('question')).toHaveCount(1)
  await expect(asn.getByTestId('question')).toContainText(QUESTION)
  const attemptSrc = (await naturalWidth(asn, '[data-testid="question"] img.bank-image'))!
  const name = bankSrc!.split('/').pop()!
  expect(attemptSrc).toBe(`/quiz/${pathOf(asn).split('/').pop()}/gambar/${name}`)
  const own = await asn.request.get(attemptSrc)
  expect(own.status()).toBe(200)
  expect(own.headers()['content-type']).toBe('image/png')
  // The learner is no instructor of the course: the bank's address gives them nothing.
  expect([403, 404]).toContain((await asn.request.get(bankSrc!)).status())

  // Another learner: neither the attempt's image nor the bank's.
  const otherContext = await browser.newContext()
  const other = await otherContext.newPage()
  await signInAs(other, accounts.learner.nip)
  const theirs = await other.request.get(attemptSrc)
  expect(theirs.status()).toBe(404)
  expect(theirs.headers()['content-type'] ?? '').not.toContain('image/')
  expect([403, 404]).toContain((await other.request.get(bankSrc!)).status())
  // Signed out: nothing either.
  const anon = await browser.newContext()
  const anonRes = await anon.request.get(attemptSrc, { maxRedirects: 0 })
  expect(anonRes.headers()['content-type'] ?? '').not.toContain('image/')
  expect(anonRes.status()).not.toBe(200)

  // The instructor (who teaches the course) may see the attempt's image, for grading.
  expect((await page.request.get(attemptSrc)).status()).toBe(200)
  await Promise.all([asnContext.close(), otherContext.close(), anon.close()])
  fs.rmSync(path.dirname(file), { recursive: true, force: true })
})
