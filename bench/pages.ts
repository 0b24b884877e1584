// Page benchmark against a running portal (loopback only): sign-in latency, course, lesson, home,
// profile and quiz-result page server time, and the JavaScript a learner page loads.
// Usage: npx tsx bench/pages.ts [--base http://localhost:3300] [--n 200]
import { gzipSync } from 'node:zlib'

const args = new Map<string, string>()
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!)
const BASE = args.get('base') ?? 'http://localhost:3300'
const N = Number(args.get('n') ?? 200)
if (!/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(BASE)) throw new Error('loopback only')

const LEARNER = { identifier: '199203152019032001', password: 'Bina-Jambi-2026' }

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b)
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!
  return {
    n: s.length,
    p50: +q(0.5).toFixed(1),
    p95: +q(0.95).toFixed(1),
    p99: +q(0.99).toFixed(1),
    max: +s[s.length - 1]!.toFixed(1),
  }
}

async function signIn() {
  const t = performance.now()
  const res = await fetch(`${BASE}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: BASE, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...LEARNER, redirectTo: '/' }),
  })
  const ms = performance.now() - t
  const cookie = res.headers.get('set-cookie')?.split(';')[0]
  if (res.status !== 302 || !cookie) throw new Error(`sign-in failed: ${res.status}`)
  return { ms, cookie }
}

/** Starts the final quiz and submits it (blank), so the profile has evidence; waits for grading. */
async function takeQuizOnce(cookie: string) {
  const post = (path: string, body: string) =>
    fetch(`${BASE}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        Cookie: cookie,
        Origin: BASE,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body,
    })
  const started = await post(
    '/courses/keamanan-digital-asn/lessons/kuis-akhir',
    'intent=start-quiz',
  )
  const attemptPath = started.headers.get('location')
  if (started.status !== 302 || !attemptPath?.startsWith('/quiz/'))
    throw new Error(`could not start the quiz: ${started.status}`)
  const submitted = await post(attemptPath, 'intent=submit')
  if (submitted.status >= 400) throw new Error(`could not submit the quiz: ${submitted.status}`)
  for (let i = 0; i < 100; i++) {
    const html = await (
      await fetch(`${BASE}${attemptPath}`, { headers: { Cookie: cookie } })
    ).text()
    if (html.includes('data-testid="quiz-result"')) return attemptPath
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error('the attempt was not graded within 20 s')
}

async function timeGet(path: string, cookie: string, n: number) {
  const ms: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    const res = await fetch(`${BASE}${path}`, { headers: { Cookie: cookie } })
    await res.arrayBuffer()
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`)
    ms.push(performance.now() - t)
  }
  return stats(ms)
}

async function scriptWeight(path: string, cookie: string) {
  const html = await (await fetch(`${BASE}${path}`, { headers: { Cookie: cookie } })).text()
  const urls = new Set<string>()
  for (const m of html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)) urls.add(m[1]!)
  for (const m of html.matchAll(/import\("([^"]+\.js)"\)|import "([^"]+\.js)"|from "([^"]+\.js)"/g))
    urls.add((m[1] ?? m[2] ?? m[3])!)
  let raw = 0
  let gz = 0
  for (const u of urls) {
    const body = Buffer.from(await (await fetch(new URL(u, BASE))).arrayBuffer())
    raw += body.length
    gz += gzipSync(body).length
  }
  return { files: urls.size, kB: +(raw / 1024).toFixed(1), gzipKB: +(gz / 1024).toFixed(1) }
}

async function main() {
  // Sign-in: argon2id verification dominates; sequential so the figure is per request.
  const signIns: number[] = []
  let cookie = ''
  for (let i = 0; i < 30; i++) {
    const r = await signIn()
    signIns.push(r.ms)
    cookie = r.cookie
  }
  await fetch(`${BASE}/courses/keamanan-digital-asn`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: cookie, Origin: BASE, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'intent=enrol',
  })
  for (let i = 0; i < 20; i++)
    await fetch(`${BASE}/courses/keamanan-digital-asn`, { headers: { Cookie: cookie } }) // warm-up
  const attemptPath = await takeQuizOnce(cookie)
  const result = {
    date: new Date().toISOString(),
    signInMs: stats(signIns),
    coursePageMs: await timeGet('/courses/keamanan-digital-asn', cookie, N),
    lessonPageMs: await timeGet(
      '/courses/keamanan-digital-asn/lessons/mengenali-phishing',
      cookie,
      N,
    ),
    catalogueSearchMs: await timeGet('/courses?q=phishing', cookie, N),
    coursePageData: await timeGet('/courses/keamanan-digital-asn.data', cookie, N),
    homePageMs: await timeGet('/', cookie, N),
    profilePageMs: await timeGet('/profile', cookie, N),
    quizResultPageMs: await timeGet(attemptPath, cookie, N),
    lessonPageJs: await scriptWeight(
      '/courses/keamanan-digital-asn/lessons/mengenali-phishing',
      cookie,
    ),
    videoLessonPageJs: await scriptWeight(
      '/courses/keamanan-digital-asn/lessons/video-lima-langkah-phishing',
      cookie,
    ),
  }
  console.log(JSON.stringify(result, null, 2))
}

void main()
