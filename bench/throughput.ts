// Throughput of Bina's pages against a bare Remix app, measured in the same run (bench/run-throughput.sh
// starts both servers and calls this). Two commands:
//   prepare --bina URL --state FILE          sign in, enrol, take and grade the final quiz once;
//                                            writes the cookie, the attempt path and page sizes
//   run --bina URL --bare URL --bina-pid N --bare-pid N --state FILE [--rounds 3] [--duration 10]
//       [--connections 10] [--pages course,lesson,...] [--label TEXT] [--out bench/results]
// Each round measures, per page, the bare app and then the Bina page (interleaved, so both see the
// same machine load) with autocannon, and reads each server process's CPU time from
// /proc/<pid>/stat around the run: CPU-ms per request is less sensitive to the shared machine's
// load than requests per second.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import autocannon from 'autocannon'

const [command = 'run', ...rest] = process.argv.slice(2)
const args = new Map<string, string>()
for (let i = 0; i < rest.length; i += 2) args.set(rest[i]!.replace(/^--/, ''), rest[i + 1]!)
const arg = (name: string, fallback?: string) => {
  const v = args.get(name) ?? fallback
  if (v === undefined) throw new Error(`--${name} is required`)
  return v
}
const loopback = (u: string) => {
  if (!/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(u)) throw new Error(`loopback only: ${u}`)
  return u
}

const LEARNER = { identifier: '199203152019032001', password: 'Bina-Jambi-2026' }
const COURSE = '/courses/keamanan-digital-asn'
const PAGES: Record<string, (s: State) => string> = {
  course: () => COURSE,
  lesson: () => `${COURSE}/lessons/mengenali-phishing`,
  search: () => '/courses?q=phishing',
  profile: () => '/profile',
  quiz: (s) => s.attemptPath,
}

interface State {
  cookie: string
  attemptPath: string
  bytes: Record<string, number>
}

async function prepare() {
  const bina = loopback(arg('bina'))
  const login = await fetch(`${bina}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: bina, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...LEARNER, redirectTo: '/' }),
  })
  const cookie = login.headers.get('set-cookie')?.split(';')[0]
  if (login.status !== 302 || !cookie) throw new Error(`sign-in failed: ${login.status}`)
  const post = (path: string, body: string) =>
    fetch(`${bina}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        Cookie: cookie,
        Origin: bina,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body,
    })
  await post(COURSE, 'intent=enrol')
  const started = await post(`${COURSE}/lessons/kuis-akhir`, 'intent=start-quiz')
  const attemptPath = started.headers.get('location')
  if (started.status !== 302 || !attemptPath?.startsWith('/quiz/'))
    throw new Error(`could not start the quiz: ${started.status}`)
  const submitted = await post(attemptPath, 'intent=submit')
  if (submitted.status >= 400) throw new Error(`could not submit the quiz: ${submitted.status}`)
  let graded = false
  for (let i = 0; i < 150 && !graded; i++) {
    const html = await (
      await fetch(`${bina}${attemptPath}`, { headers: { Cookie: cookie } })
    ).text()
    graded = html.includes('data-testid="quiz-result"')
    if (!graded) await new Promise((r) => setTimeout(r, 200))
  }
  if (!graded) throw new Error('the attempt was not graded within 30 s (are the workers running?)')
  const state: State = { cookie, attemptPath, bytes: {} }
  for (const [name, path] of Object.entries(PAGES)) {
    const res = await fetch(`${bina}${path(state)}`, { headers: { Cookie: cookie } })
    const body = Buffer.from(await res.arrayBuffer())
    if (res.status !== 200) throw new Error(`${name} ${path(state)}: ${res.status}`)
    state.bytes[name] = body.length
  }
  writeFileSync(arg('state'), JSON.stringify(state, null, 2))
  console.log(JSON.stringify(state.bytes))
}

const CLK_TCK = 100 // Linux USER_HZ
/**
 * User + system CPU time of a process and its live child processes (the web processes of
 * server/cluster.ts), in ms: fields 14 and 15 of /proc/<pid>/stat.
 */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ') // fields from 3 on
  let ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK
  let children: string[] = []
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)
  } catch {
    // no children file: count the process alone
  }
  for (const c of children) if (c) ms += cpuMs(Number(c))
  return ms
}
/** Busy and total jiffies of the whole machine (/proc/stat, first line). */
function machine() {
  const v = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number)
  const idle = v[3]! + v[4]!
  const total = v.reduce((a, b) => a + b, 0)
  return { busy: total - idle, total }
}
const loadavg = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0])

interface Measure {
  rps: number
  p50: number
  p99: number
  requests: number
  non2xx: number
  errors: number
  cpuMsPerReq: number
  serverCores: number
  machineBusy: number
  load1: number
}

async function measure(url: string, pid: number, cookie: string | null, seconds: number) {
  const connections = Number(arg('connections', '10'))
  const m0 = machine()
  const c0 = cpuMs(pid)
  const t0 = performance.now()
  const r = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: cookie ? { cookie } : {},
  })
  const elapsed = performance.now() - t0
  const c1 = cpuMs(pid)
  const m1 = machine()
  const requests = r['2xx'] + r.non2xx
  const result: Measure = {
    rps: Math.round(requests / (elapsed / 1000)),
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    cpuMsPerReq: +((c1 - c0) / Math.max(1, requests)).toFixed(2),
    serverCores: +((c1 - c0) / elapsed).toFixed(2),
    machineBusy: +((m1.busy - m0.busy) / Math.max(1, m1.total - m0.total)).toFixed(2),
    load1: loadavg(),
  }
  if (result.non2xx || result.errors)
    throw new Error(`${url}: ${result.non2xx} non-2xx responses, ${result.errors} errors`)
  return result
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
  return +m.toFixed(2)
}

async function run() {
  const bina = loopback(arg('bina'))
  const bare = loopback(arg('bare'))
  const binaPid = Number(arg('bina-pid'))
  const barePid = Number(arg('bare-pid'))
  // --before URL --before-pid N: another Bina server (an earlier build, BEFORE_DIR of
  // run-throughput.sh) measured in the same rounds, just before this one: a before/after pair.
  const before = args.get('before') ? loopback(arg('before')) : null
  const beforePid = Number(args.get('before-pid') ?? 0)
  const rounds = Number(arg('rounds', '3'))
  const duration = Number(arg('duration', '10'))
  const pages = arg('pages', Object.keys(PAGES).join(',')).split(',')
  const state = JSON.parse(readFileSync(arg('state'), 'utf8')) as State
  const bareBytes = Buffer.from(await (await fetch(bare)).arrayBuffer()).length
  const started = new Date().toISOString()
  const loadBefore = readFileSync('/proc/loadavg', 'utf8').trim()

  // Warm-up (JIT, pools, caches): a few seconds on each target, not recorded.
  await measure(bare, barePid, null, 3)
  for (const p of pages) await measure(bina + PAGES[p]!(state), binaPid, state.cookie, 3)
  if (before)
    for (const p of pages) await measure(before + PAGES[p]!(state), beforePid, state.cookie, 3)

  const runs: { round: number; page: string; bare: Measure; bina: Measure; before?: Measure }[] = []
  for (let round = 1; round <= rounds; round++) {
    for (const page of pages) {
      const b = await measure(bare, barePid, null, duration)
      // Alternate which of the pair goes first, so neither always follows the bare app.
      const first = before && round % 2 === 0
      const o1 = first
        ? await measure(before + PAGES[page]!(state), beforePid, state.cookie, duration)
        : undefined
      const m = await measure(bina + PAGES[page]!(state), binaPid, state.cookie, duration)
      const o =
        o1 ??
        (before
          ? await measure(before + PAGES[page]!(state), beforePid, state.cookie, duration)
          : undefined)
      runs.push({ round, page, bare: b, bina: m, ...(o ? { before: o } : {}) })
      console.error(
        `round ${round} ${page.padEnd(8)} bina ${m.rps} rps ${m.cpuMsPerReq} cpu-ms/req | bare ${b.rps} rps ${b.cpuMsPerReq} cpu-ms/req | ratio ${(m.rps / b.rps).toFixed(2)}${o ? ` | before ${o.rps} rps ${o.cpuMsPerReq} cpu-ms/req` : ''} | load ${m.load1}`,
      )
    }
  }
  const summary = pages.map((page) => {
    const rs = runs.filter((r) => r.page === page)
    const binaRps = median(rs.map((r) => r.bina.rps))
    const bareRps = median(rs.map((r) => r.bare.rps))
    const binaCpu = median(rs.map((r) => r.bina.cpuMsPerReq))
    const bareCpu = median(rs.map((r) => r.bare.cpuMsPerReq))
    return {
      page,
      path: PAGES[page]!(state).replace(/\/quiz\/.*/, '/quiz/<attempt>'),
      bytes: state.bytes[page],
      binaRps,
      bareRps,
      /** Median over rounds of (Bina rps / bare rps measured just before). */
      ratio: +median(rs.map((r) => r.bina.rps / r.bare.rps)).toFixed(3),
      binaP50: median(rs.map((r) => r.bina.p50)),
      binaP99: median(rs.map((r) => r.bina.p99)),
      bareP50: median(rs.map((r) => r.bare.p50)),
      bareP99: median(rs.map((r) => r.bare.p99)),
      binaCpuMsPerReq: binaCpu,
      bareCpuMsPerReq: bareCpu,
      /** Bare CPU-ms per request / Bina CPU-ms per request: the CPU-bound throughput ratio. */
      cpuRatio: +(bareCpu / binaCpu).toFixed(3),
      load1: rs.map((r) => r.bina.load1),
      machineBusy: median(rs.map((r) => r.bina.machineBusy)),
      ...(before
        ? {
            beforeRps: median(rs.map((r) => r.before!.rps)),
            beforeCpuMsPerReq: median(rs.map((r) => r.before!.cpuMsPerReq)),
          }
        : {}),
    }
  })
  const result = {
    label: args.get('label') ?? '',
    started,
    finished: new Date().toISOString(),
    loadavgBefore: loadBefore,
    loadavgAfter: readFileSync('/proc/loadavg', 'utf8').trim(),
    cores: (await import('node:os')).availableParallelism(),
    rounds,
    duration,
    connections: Number(arg('connections', '10')),
    bareBytes,
    summary,
    runs,
  }
  const out = arg('out', 'bench/results')
  mkdirSync(out, { recursive: true })
  const stamp = started.replace(/[:.]/g, '-')
  writeFileSync(join(out, `throughput-${stamp}.json`), JSON.stringify(result, null, 2))
  const md = markdown(result)
  writeFileSync(join(out, `throughput-${stamp}.md`), md)
  console.log(md)
}

function markdown(r: {
  label: string
  started: string
  loadavgBefore: string
  loadavgAfter: string
  cores: number
  rounds: number
  duration: number
  connections: number
  bareBytes: number
  summary: {
    page: string
    path: string
    bytes: number | undefined
    binaRps: number
    bareRps: number
    ratio: number
    binaP50: number
    binaP99: number
    binaCpuMsPerReq: number
    bareCpuMsPerReq: number
    cpuRatio: number
    load1: number[]
    machineBusy: number
    beforeRps?: number
    beforeCpuMsPerReq?: number
  }[]
}) {
  const lines = [
    `### Throughput ${r.label ? `(${r.label}) ` : ''}${r.started}`,
    '',
    `${r.rounds} rounds × ${r.duration} s, ${r.connections} connections, ${r.cores} cores; bare page ${r.bareBytes} B; load average before ${r.loadavgBefore}, after ${r.loadavgAfter}. Medians over rounds; ratio = Bina rps / bare rps measured just before.`,
    '',
    '| page | bytes | Bina rps | bare rps | ratio | Bina p50 / p99 ms | Bina CPU-ms/req | bare CPU-ms/req | CPU ratio | load1 per round | machine busy |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ]
  for (const s of r.summary)
    lines.push(
      `| ${s.page} \`${s.path}\` | ${s.bytes} | ${s.binaRps} | ${s.bareRps} | ${(s.ratio * 100).toFixed(0)}% | ${s.binaP50} / ${s.binaP99} | ${s.binaCpuMsPerReq} | ${s.bareCpuMsPerReq} | ${(s.cpuRatio * 100).toFixed(0)}% | ${s.load1.join(', ')} | ${(s.machineBusy * 100).toFixed(0)}% |`,
    )
  if (r.summary.some((s) => s.beforeCpuMsPerReq !== undefined)) {
    lines.push(
      '',
      'Before (BEFORE_DIR, measured in the same rounds) and after:',
      '',
      '| page | before rps | after rps | before CPU-ms/req | after CPU-ms/req | before CPU ratio | after CPU ratio |',
      '|---|---|---|---|---|---|---|',
    )
    for (const s of r.summary)
      lines.push(
        `| ${s.page} | ${s.beforeRps} | ${s.binaRps} | ${s.beforeCpuMsPerReq} | ${s.binaCpuMsPerReq} | ${((s.bareCpuMsPerReq / s.beforeCpuMsPerReq!) * 100).toFixed(0)}% | ${(s.cpuRatio * 100).toFixed(0)}% |`,
      )
  }
  return lines.join('\n') + '\n'
}

if (command === 'prepare') await prepare()
else if (command === 'run') await run()
else throw new Error(`unknown command ${command}`)
