import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

export const PASSWORD = 'Bina-Jambi-2026'
export const accounts = {
  admin: { nip: '199001012015031004', name: 'Rahmat Hidayat, S.Kom.' },
  instructor: { nip: '197511202000031003', name: 'Dr. Siti Aminah, M.Si.' },
  supervisor: { nip: '198007102005011002', name: 'Hendra Saputra, S.E., M.Ak.' },
  learner: { nip: '199203152019032001', name: 'Nurul Fadhilah, S.Ak.' },
  learner2: { nip: '199505052020121005', name: 'Yoga Pratama, A.Md.' },
} as const

export async function signIn(page: Page, identifier: string, password = PASSWORD) {
  await page.goto('/login')
  await page.getByLabel('NIP atau email').fill(identifier)
  await page.getByLabel('Kata sandi').fill(password)
  await page.getByRole('button', { name: 'Masuk' }).click()
}

/** Signs in and waits for the home page. */
export async function signInAs(page: Page, identifier: string, password = PASSWORD) {
  const home = page.getByRole('heading', { name: /^Selamat datang, / })
  const wait = page.getByText(/Coba lagi dalam \d+ detik/)
  await signIn(page, identifier, password)
  // An account that another spec delayed on purpose (repeated failures) is told how long to wait:
  // wait that long, as a person would, and sign in again.
  for (let i = 0; i < 3; i++) {
    await expect(home.or(wait)).toBeVisible()
    if (!(await wait.isVisible())) break
    const seconds = Number((await wait.innerText()).match(/(\d+) detik/)![1])
    await page.waitForTimeout((seconds + 1) * 1000)
    await signIn(page, identifier, password)
  }
  await expect(home).toBeVisible()
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Keluar' }).click()
  await expect(page.getByText('Anda telah keluar.')).toBeVisible()
}

/** No serious or critical axe-core violations on the current page. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([])
}
