// CPU per whole page request, in-process (no HTTP client sharing the machine's cores), for one or
// more production builds measured in alternation: a before/after pair that a loaded machine
// disturbs less than autocannon does (decision 074). Runs each build's Remix handler as
// server/app.ts does (route-matching cache included) on the pages of bench/run-throughput.sh.
// Usage: npx tsx bench/page-cpu.ts --builds build/server/index.js,OTHER/build/server/index.js
//        [--n 200] [--rounds 3] [--batch 10] [--pages course,lesson,profile,quiz] [--route-cache 0]
//        [--static-handler 0] [--request-reuse 0] [--plain-encode 0]
// (the route cache is per process: to compare a build without it, run one process per build and
// alternate the processes, as .local runs did for decision 074)
// Needs a database prepared by bench/run-throughput.sh (KEEP the database: it is left in place).
import { prisma } from '~/utils/db.server'
import { createSession } from '~/utils/auth.server'
import { DOCUMENT_HTML } from '~/utils/document.server'
import { installRequestReuse } from '../server/request-reuse'
import { installRouteMatchCache } from '../server/route-match-cache'
import { installPlainEncode } from '../server/turbo-encode'

const args = new Map<string, string>()
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!)
const N = Number(args.get('n') ?? 200)
const ROUNDS = Number(args.get('rounds') ?? 3)
const BATCH = Number(args.get('batch') ?? 0)
const builds = (args.get('builds') ?? 'build/server/index.js').split(',')
const COURSE = '/courses/keamanan-digital-asn'
const PAGES: Record<string, string> = {
  course: COURSE,
  lesson: `${COURSE}/lessons/mengenali-phishing`,
  profile: '/profile',
  search: '/courses?q=phishing',
}
const pages = (args.get('pages') ?? 'course,lesson,profile').split(',')

// --static-handler 0: the match cache alone (decision 074), without the branch handlers (075).
if (args.get('route-cache') !== '0')
  installRouteMatchCache({ staticHandler: args.get('static-handler') !== '0' })
// --request-reuse 0: loaders get Remix's copies of the request, as before decision 123.
if (args.get('request-reuse') !== '0') installRequestReuse()
// --plain-encode 0: route data through turbo-stream's encode, as before decision 125.
if (args.get('plain-encode') !== '0') installPlainEncode()
const { createRequestHandler } = await import('@remix-run/node')
const handlers = await Promise.all(
  builds.map(async (b) =>
    createRequestHandler(await import(new URL(`file://${process.cwd()}/${b}`).href), 'production'),
  ),
)
const learner = await prisma.user.findFirstOrThrow({ where: { nip: '199203152019032001' } })
// The quiz result page: the learner's graded attempt (bench/throughput.ts prepare made it).
const attempt = await prisma.quizAttempt.findFirst({
  where: { userId: learner.id, status: { not: 'IN_PROGRESS' } },
  orderBy: { startedAt: 'desc' },
})
if (attempt) PAGES.quiz = `/quiz/${attempt.id}`
const cookie = (await createSession(learner.id, { ip: '127.0.0.1' })).split(';')[0]!

let systemMs = 0
type Handle = (r: Request, context?: Record<string, unknown>) => Promise<Response>
async function measure(handle: Handle, path: string, n: number) {
  const cpu0 = process.cpuUsage()
  for (let i = 0; i < n; i++) {
    const res = await handle(
      new Request(`http://localhost${path}`, {
        headers: { Cookie: cookie, 'x-bina-received-at': String(Date.now()) },
      }),
      // A document request's load context as server/app.ts makes it (decisions 095, 100).
      { cspNonce: 'page-cpu', fragments: new Map<string, string>() },
    )
    // What server/app.ts sends: a page's markup encoded once (decision 126), or the body read.
    const html = (res as { [DOCUMENT_HTML]?: unknown })[DOCUMENT_HTML]
    if (typeof html === 'string') Buffer.from(html)
    else await res.arrayBuffer()
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`)
  }
  const c = process.cpuUsage(cpu0)
  systemMs += c.system / 1000
  return (c.user + c.system) / 1000 / n
}

const results: Record<string, number[][]> = {}
for (const p of pages) for (const h of handlers) await measure(h, PAGES[p]!, 20) // warm-up
for (let round = 1; round <= ROUNDS; round++) {
  for (const p of pages) {
    const row: number[] = []
    // Alternate the order of the builds per round.
    const order = handlers.map((_, i) => i)
    if (round % 2 === 0) order.reverse()
    // --batch B: the builds take turns every B requests (N per build in all), so a shared
    // machine's changing load falls on all of them alike.
    const slices = BATCH ? Math.ceil(N / BATCH) : 1
    const sums = handlers.map(() => 0)
    for (let s = 0; s < slices; s++)
      for (const i of s % 2 ? [...order].reverse() : order)
        sums[i] += await measure(handlers[i]!, PAGES[p]!, BATCH || N)
    for (const i of order) row[i] = sums[i]! / slices
    ;(results[p] ??= []).push(row)
    console.log(
      `round ${round} ${p.padEnd(8)} ${row.map((v, i) => `${builds[i]}: ${v.toFixed(2)}`).join(' | ')} CPU-ms/request (load ${(await import('node:os')).loadavg()[0]!.toFixed(1)})`,
    )
  }
}
console.log(`kernel (system) CPU: ${systemMs.toFixed(0)} ms in all`)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
for (const p of pages)
  console.log(
    `median ${p.padEnd(8)} ${builds.map((b, i) => `${b}: ${median(results[p]!.map((r) => r[i]!)).toFixed(2)}`).join(' | ')}`,
  )
await prisma.$disconnect()
process.exit(0)
