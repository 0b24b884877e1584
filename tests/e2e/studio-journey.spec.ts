// Issue 12's "Done when" journey: an instructor creates a course in the studio, writes a lesson in
// the editor (formatting, a link, an uploaded image), uploads a video to local storage watching
// its progress bar, builds a quiz of five question types from the question bank and publishes; an
// ASN enrols and passes it; the instructor edits a question and publishes again; the ASN's
// finished attempt, its review and their competency level read exactly as before.
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { accounts, answerAll, signInAs, submitAttempt } from './helpers'

// Unique per run: the e2e database keeps what earlier runs wrote.
const STAMP = Date.now().toString(36)
const TITLE = `Etika Digital ASN ${STAMP}`
const SLUG = `etika-digital-asn-${STAMP}`
const COMPETENCY = 'M.04'
const CATEGORY = `Kuis Etika ${STAMP}`
const Q = {
  single: `Etika ${STAMP}: siapa yang bertanggung jawab atas unggahan akun dinas?`,
  multiple: `Etika ${STAMP}: pilih data yang tidak boleh dibagikan di media sosial.`,
  trueFalse: `Etika ${STAMP}: kata sandi boleh dibagikan kepada rekan satu bidang.`,
  short: `Etika ${STAMP}: singkatan aparatur sipil negara?`,
  numeric: `Etika ${STAMP}: berapa digit NIP seorang ASN?`,
}
const EDITED = `Etika ${STAMP}: berapa jumlah digit pada NIP ASN (versi 2)?`
const VIDEO = path.resolve('content/courses/keamanan-digital-asn/media/lima-langkah-phishing.mp4')
// A real 2x2 PNG (red pixels); the server reads the type from these bytes.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==',
  'base64',
)

const pathOf = (page: Page) => new URL(page.url()).pathname

async function newQuestion(page: Page, bank: string, type: string, fill: () => Promise<void>) {
  await page.goto(`${bank}/questions/baru`)
  await page.getByLabel('Kategori', { exact: true }).selectOption({ label: CATEGORY })
  await page.getByLabel('Jenis soal').selectOption({ label: type })
  await page.getByLabel('Kompetensi', { exact: true }).selectOption({ index: 0 })
  await fill()
  await page.getByRole('button', { name: 'Simpan soal' }).click()
  await expect(page.getByTestId('bank-notice')).toContainText('versi baru')
}

async function publish(page: Page, course: string, version: number) {
  await page.goto(`${course}/publish`)
  await expect(page.getByTestId('diff')).toBeVisible()
  await page.getByTestId('publish-confirm').click()
  await expect(page.getByTestId('publish-result')).toHaveText(`Versi ${version} diterbitkan.`)
}

test('instructor builds, publishes and revises a course; the ASN’s finished attempt stays as it was', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000)
  await signInAs(page, accounts.instructor.nip)

  // 1. A new course with a competency, one module and three lessons (text, video, quiz).
  await page.goto('/studio/courses')
  await page.getByLabel('Judul kursus').fill(TITLE)
  await page
    .getByLabel('Ringkasan (2–3 kalimat)')
    .fill('Etika bermedia digital bagi ASN: akun dinas, data pribadi dan kata sandi.')
  await page.getByLabel('Bidang program').selectOption('LITERASI_DIGITAL')
  await page.getByLabel('JP (jam pelajaran) yang diberikan').fill('1')
  await page.getByRole('button', { name: 'Buat kursus' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE)
  const course = pathOf(page)
  const courseId = course.split('/').pop()!
  await page.locator('#comp-code').selectOption(COMPETENCY)
  await page.locator('#comp-level').selectOption('2')
  await page.getByRole('button', { name: 'Tambah / ubah kompetensi' }).click()
  await expect(page.locator('#comp-heading + ul')).toContainText(`${COMPETENCY}`)
  await page.getByLabel('Judul modul baru').fill('Modul 1: Etika Akun Dinas')
  await page.getByRole('button', { name: 'Tambah modul' }).click()
  await expect(page.getByTestId('module-0')).toBeVisible()
  const lessons = page.getByTestId('module-0').locator('ol li')
  const addLesson = async (title: string, kind: 'TEXT' | 'VIDEO' | 'QUIZ', n: number) => {
    const mod = page.getByTestId('module-0')
    await mod.getByLabel('Judul pelajaran').fill(title)
    await mod.getByLabel('Jenis pelajaran').selectOption(kind)
    await mod.getByRole('button', { name: /^Tambah pelajaran/ }).click()
    await expect(lessons).toHaveCount(n)
  }
  await addLesson('Etika Akun Dinas', 'TEXT', 1)
  await addLesson('Video Etika Akun', 'VIDEO', 2)
  await addLesson('Kuis Etika', 'QUIZ', 3)
  // Three lessons of 10 minutes are worth 0 JP, not the 1 JP declared: the page says so.
  await expect(page.getByTestId('jp-mismatch')).toContainText(
    'JP kursus 1, tetapi pelajaran wajibnya 30 menit = 0 JP (1 JP = 45 menit)',
  )

  // 2. The video: uploaded to local storage (no Mux) at a throttled speed, so the progress bar
  // moves through intermediate values before it completes.
  await page.goto(`${course}/videos`)
  await page.getByLabel('Judul video').fill('Etika akun dinas')
  await page.getByLabel('Berkas video').setInputFiles(VIDEO)
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: 256 * 1024,
  })
  await page.evaluate(() => {
    const seen: number[] = []
    ;(window as unknown as { seen: number[] }).seen = seen
    new MutationObserver(() => {
      const bar = document.querySelector<HTMLProgressElement>('[data-testid="upload-progress"]')
      if (bar && seen.at(-1) !== bar.value) seen.push(bar.value)
    }).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    })
  })
  await page.getByRole('button', { name: 'Unggah' }).click()
  await expect(page.getByTestId('upload-progress')).toBeVisible()
  await expect(page.getByTestId('upload-status')).toHaveText('Unggahan selesai.', {
    timeout: 60_000,
  })
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  })
  await expect(page.getByTestId('upload-progress')).toHaveJSProperty('value', 100)
  const seen = await page.evaluate(() => (window as unknown as { seen: number[] }).seen)
  expect(
    seen.some((v) => v > 0 && v < 100),
    `intermediate values in ${seen.join(',')}`,
  ).toBe(true)
  await expect(page.getByTestId('video-READY')).toContainText('Etika akun dinas')

  await page.goto(course)
  await page.getByRole('link', { name: 'Video Etika Akun', exact: true }).click()
  const option = page.locator('#lesson-video option', { hasText: 'Etika akun dinas' })
  await page.getByLabel('Video pelajaran').selectOption((await option.getAttribute('value'))!)
  // 10 + 25 + 10 minutes: exactly the 45 minutes of the 1 JP declared.
  await page.getByLabel('Durasi belajar (menit)').fill('25')
  await page.getByRole('button', { name: 'Simpan', exact: true }).click()
  await expect(page.getByTestId('lesson-result')).toContainText('Tersimpan')

  // 3. The text lesson in the editor: a heading, bold text, a link and an uploaded image.
  await page.goto(course)
  await expect(page.getByTestId('jp-derived')).toHaveText(
    'Pelajaran wajib: 45 menit = 1 JP (1 JP = 45 menit).',
  )
  await page.getByRole('link', { name: 'Etika Akun Dinas', exact: true }).click()
  const editor = page.getByTestId('lesson-editor')
  // Where the focus is once a toolbar button's click has been handled (a window listener runs
  // after React's): the text, at once, so the keys typed next cannot reach the button.
  await page.evaluate(() => {
    const w = window as unknown as { focusAfterClick: string[] }
    w.focusAfterClick = []
    window.addEventListener('click', (e) => {
      const id = (e.target as HTMLElement)
        .closest('[data-testid^="tb-"]')
        ?.getAttribute('data-testid')
      if (id) w.focusAfterClick.push(`${id}>${document.activeElement?.getAttribute('data-testid')}`)
    })
  })
  await editor.click()
  await page.keyboard.press('Control+a')
  await page.keyboard.press('Delete')
  await page.getByTestId('tb-h2').click()
  await page.keyboard.type('Akun dinas bukan akun pribadi')
  await page.keyboard.press('Enter')
  await page.getByTestId('tb-bold').click()
  await page.keyboard.type('Selalu')
  await page.getByTestId('tb-bold').click()
  await page.keyboard.type(' periksa pedoman ')
  await page.keyboard.type('SPBE')
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowLeft')
  await page.getByLabel('Alamat tautan (https://…)').fill('https://jdih.jambiprov.go.id/')
  await page.getByTestId('tb-link').click()
  // The focus is back in the text, right after the link: typing goes on there, outside the link,
  // then a new paragraph for the image.
  await expect(editor).toBeFocused()
  await page.keyboard.type(' terbaru.')
  await expect(editor.locator('a[href="https://jdih.jambiprov.go.id/"]')).toHaveText('SPBE')
  await expect(editor.locator('p', { hasText: 'Selalu' })).toHaveText(
    'Selalu periksa pedoman SPBE terbaru.',
  )
  expect(
    await page.evaluate(() => (window as unknown as { focusAfterClick: string[] }).focusAfterClick),
  ).toEqual([
    'tb-h2>lesson-editor',
    'tb-bold>lesson-editor',
    'tb-bold>lesson-editor',
    'tb-link>lesson-editor',
  ])
  await page.keyboard.press('Enter')
  await page
    .getByLabel(/^Gambar \(PNG/)
    .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG })
  await page.getByLabel('Teks alternatif gambar').fill('Logo pedoman etika')
  await page.getByTestId('tb-image').click()
  await expect(page.getByTestId('editor-message')).toHaveText('Gambar disisipkan.')
  await expect(editor.locator('h2')).toHaveText('Akun dinas bukan akun pribadi')
  await expect(editor.locator('strong')).toHaveText('Selalu')
  await expect(editor.locator('a[href="https://jdih.jambiprov.go.id/"]')).toHaveText('SPBE')
  await expect(editor.locator('img[alt="Logo pedoman etika"]')).toBeVisible()
  await expect(page.getByTestId('autosave-status')).toContainText('Draf tersimpan otomatis', {
    timeout: 15_000,
  })
  // What the server kept (a reload shows the saved draft, not the browser's state).
  await page.reload()
  await expect(editor.locator('a[href="https://jdih.jambiprov.go.id/"]')).toBeVisible()
  await expect(editor.locator('img[alt="Logo pedoman etika"]')).toHaveAttribute(
    'src',
    /^\/media\/images\/[0-9a-f]{64}\.png$/,
  )

  // 4. The quiz: five question types in a category of the course's bank, drawn by the quiz.
  const bank = `/authoring/bank/${courseId}`
  await page.goto(course)
  await expect(page.getByTestId('module-0').getByRole('link', { name: /Soal kuis/ })).toBeVisible()
  // Not publishable while the quiz has no questions: the publish page says why.
  await page.goto(`${course}/publish`)
  await expect(page.getByTestId('publish-blocked')).toContainText('Kuis Etika')
  await expect(page.getByTestId('publish-confirm')).toBeDisabled()
  await page.goto(bank)
  await page.getByLabel('Nama kategori').fill(CATEGORY)
  await page.getByRole('button', { name: 'Buat kategori' }).click()
  await expect(page.getByTestId('bank-notice')).toContainText('Kategori dibuat')
  await newQuestion(page, bank, 'Pilihan ganda (satu jawaban)', async () => {
    await page.getByLabel('Teks soal').fill(Q.single)
    await page.getByLabel('Pilihan 1', { exact: true }).fill('Pemilik akun dinas, yaitu instansi')
    await page.getByLabel('Pilihan 1 benar').check()
    await page.getByLabel('Pilihan 2', { exact: true }).fill('Penyedia platform media sosial')
  })
  await newQuestion(page, bank, 'Pilihan ganda (beberapa jawaban)', async () => {
    await page.getByLabel('Teks soal').fill(Q.multiple)
    await page.getByLabel('Pilihan 1', { exact: true }).fill('NIK warga')
    await page.getByLabel('Pilihan 1 benar').check()
    await page.getByLabel('Pilihan 2', { exact: true }).fill('Nomor rekening pegawai')
    await page.getByLabel('Pilihan 2 benar').check()
    await page.getByLabel('Pilihan 3', { exact: true }).fill('Jadwal layanan publik')
  })
  await newQuestion(page, bank, 'Benar/Salah', async () => {
    await page.getByLabel('Teks soal').fill(Q.trueFalse)
    await page.getByLabel('Jawaban yang benar').selectOption('false')
  })
  await newQuestion(page, bank, 'Jawaban singkat', async () => {
    await page.getByLabel('Teks soal').fill(Q.short)
    await page.getByLabel('Jawaban yang diterima').fill('ASN')
  })
  await newQuestion(page, bank, 'Angka dengan toleransi', async () => {
    await page.getByLabel('Teks soal').fill(Q.numeric)
    await page.getByLabel('Jawaban angka').fill('18')
    await page.getByLabel('Toleransi').fill('0')
  })
  await page.goto(bank)
  await page.getByLabel('Kuis', { exact: true }).selectOption({ label: 'Kuis Etika' })
  await page.getByLabel('Kategori', { exact: true }).selectOption({ label: `${CATEGORY} (5)` })
  await page.getByLabel('Jumlah soal yang diundi').fill('5')
  await page.getByRole('button', { name: 'Tambahkan ke kuis' }).click()
  await expect(page.getByTestId('bank-notice')).toBeVisible()

  // 5. Publish version 1: the review lists the three lessons.
  await page.goto(`${course}/publish`)
  await expect(page.getByTestId('diff-added').locator('li')).toHaveCount(3)
  await publish(page, course, 1)

  // 6. An ASN enrols and passes the quiz.
  const asnContext = await browser.newContext()
  const asn = await asnContext.newPage()
  await signInAs(asn, accounts.learner2.nip)
  await asn.goto(`/courses/${SLUG}`)
  await expect(asn.getByRole('heading', { level: 1 })).toHaveText(TITLE)
  await asn.getByRole('button', { name: 'Daftar kursus' }).click()
  await asn.waitForURL(/\/lessons\//)
  // The lesson as written in the editor.
  await asn.goto(`/courses/${SLUG}/lessons/etika-akun-dinas`)
  await expect(asn.locator('.lesson-body h2')).toHaveText('Akun dinas bukan akun pribadi')
  await expect(asn.locator('.lesson-body a[href="https://jdih.jambiprov.go.id/"]')).toHaveText(
    'SPBE',
  )
  await expect(asn.locator('.lesson-body strong')).toHaveText('Selalu')
  await expect(asn.locator('.lesson-body img[alt="Logo pedoman etika"]')).toBeVisible()
  expect(
    await asn
      .locator('.lesson-body img[alt="Logo pedoman etika"]')
      .evaluate((img: HTMLImageElement) => img.naturalWidth),
  ).toBe(2)
  await asn.goto(`/courses/${SLUG}/lessons/kuis-etika`)
  await asn.getByRole('button', { name: 'Mulai kuis' }).click()
  await expect(asn.getByTestId('question')).toHaveCount(5)
  await answerAll(asn)
  await submitAttempt(asn)
  await expect(asn.getByTestId('quiz-score')).toHaveText('100%', { timeout: 20_000 })
  await expect(asn.getByTestId('quiz-result')).toContainText('Lulus')
  const attempt = pathOf(asn)
  const levelRow = asn.getByTestId(`competency-${COMPETENCY}`)
  await expect(async () => {
    await asn.reload()
    await expect(levelRow).not.toContainText('memperbarui', { timeout: 500 })
  }).toPass({ timeout: 30_000 })
  const before = {
    result: await asn.getByTestId('quiz-result').innerText(),
    review: await asn.getByTestId('quiz-review').innerText(),
    level: await levelRow.innerText(),
  }
  expect(before.review).toContain(Q.numeric)
  await asn.goto('/profile')
  const profileBefore = await asn.getByTestId(`row-${COMPETENCY}`).innerText()

  // 7. The instructor edits the numeric question (version 2) and publishes version 2.
  await page.goto(bank)
  await page
    .getByRole('link', { name: new RegExp(`Ubah soal: Etika ${STAMP}: berapa digit`) })
    .click()
  await page.getByLabel('Teks soal').fill(EDITED)
  await page.getByLabel('Jawaban angka').fill('19')
  await page.getByRole('button', { name: 'Simpan sebagai versi baru' }).click()
  await expect(page.getByTestId('bank-notice')).toContainText('versi baru')
  await page.goto(course)
  await page.getByRole('link', { name: 'Etika Akun Dinas', exact: true }).click()
  await page.getByLabel('Judul pelajaran').fill('Etika Akun Dinas dan Media Sosial')
  await page.getByRole('button', { name: 'Simpan', exact: true }).click()
  await expect(page.getByTestId('lesson-result')).toContainText('Tersimpan')
  // The bank edit is part of the draft (decision 111): the review names what changed in it.
  await page.goto(`${course}/publish`)
  await expect(page.getByTestId('diff-questions-changed')).toContainText('teks, kunci jawaban')
  await publish(page, course, 2)

  // 8. The ASN's attempt, its review and their level are what they were.
  await asn.goto(attempt)
  await expect(asn.getByTestId('quiz-score')).toHaveText('100%')
  expect(await asn.getByTestId('quiz-result').innerText()).toBe(before.result)
  const review = await asn.getByTestId('quiz-review').innerText()
  expect(review).toBe(before.review)
  expect(review).not.toContain(EDITED)
  expect(await levelRow.innerText()).toBe(before.level)
  await asn.goto('/profile')
  expect(await asn.getByTestId(`row-${COMPETENCY}`).innerText()).toBe(profileBefore)
  await asnContext.close()
})
