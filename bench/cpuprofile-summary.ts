// Summarises a V8 .cpuprofile (node --cpu-prof): top functions by self time and by total
// (inclusive) time, and self time per package / area of the code.
// Usage: npx tsx bench/cpuprofile-summary.ts FILE.cpuprofile [--top 25] [--last SECONDS]
// --last keeps only the samples of the profile's last SECONDS (--skip-last S: of the SECONDS
// before its last S) (e.g. the final autocannon run of
// bench/run-throughput.sh, without start-up and preparation).
import { readFileSync } from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

const file = process.argv[2]
if (!file) throw new Error('usage: cpuprofile-summary.ts FILE.cpuprofile [--top N]')
const opt = (name: string) => {
  const i = process.argv.indexOf(name)
  return i > 0 ? Number(process.argv[i + 1]) : undefined
}
const top = opt('--top') ?? 25
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
const last = opt('--last')
const skip = opt('--skip-last') ?? 0
if (last) {
  // Sample times are the running sum of timeDeltas; keep the samples of the final window.
  const at: number[] = []
  profile.timeDeltas.reduce((t, d, i) => (at[i] = t + d), 0)
  const end = at[at.length - 1] ?? 0
  const keep = at.map((t) => t > end - (last + skip) * 1e6 && t <= end - skip * 1e6)
  profile.samples = profile.samples.filter((_, i) => keep[i])
  profile.timeDeltas = profile.timeDeltas.filter((_, i) => keep[i])
}

const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const parent = new Map<number, number>()
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)

const selfUs = new Map<number, number>()
profile.samples.forEach((id, i) =>
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
)
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0)
const idleNames = new Set(['(idle)', '(program)', '(garbage collector)'])

function area(url: string, name: string) {
  if (!url) return name.startsWith('(') ? name : '(native)'
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)
  if (m) return m[1]!
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0]
  if (url.includes('/build/server/')) return 'app (build/server)'
  const app = url.match(/\/(app|server)\/(.*)$/)
  return app ? `${app[1]}/${app[2]}` : url.replace(/^file:\/\//, '')
}
const key = (n: ProfileNode) =>
  `${n.callFrame.functionName || '(anonymous)'} ${area(n.callFrame.url, n.callFrame.functionName)}:${n.callFrame.lineNumber + 1}`

const self = new Map<string, number>()
const total = new Map<string, number>()
const areas = new Map<string, number>()
for (const [id, us] of selfUs) {
  const n = byId.get(id)!
  self.set(key(n), (self.get(key(n)) ?? 0) + us)
  const a = area(n.callFrame.url, n.callFrame.functionName)
  areas.set(a, (areas.get(a) ?? 0) + us)
  // Inclusive time: every distinct function on the stack gets the sample once.
  const seen = new Set<string>()
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const k = key(byId.get(cur)!)
    if (seen.has(k)) continue
    seen.add(k)
    total.set(k, (total.get(k) ?? 0) + us)
  }
}
const busyUs =
  totalUs -
  [...self].filter(([k]) => idleNames.has(k.split(' ')[0]!)).reduce((a, [, v]) => a + v, 0)
const pct = (us: number) => `${((us / busyUs) * 100).toFixed(1).padStart(5)}%`
const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms`
const print = (title: string, m: Map<string, number>) => {
  console.log(`\n## ${title}`)
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${ms(v)} ${pct(v)}  ${k}`)
}
console.log(
  `profile ${file}: ${(totalUs / 1e6).toFixed(1)} s sampled, ${(busyUs / 1e6).toFixed(1)} s busy (percentages are of busy time)`,
)
print('self time by area (package or file)', areas)
print('self time by function', self)
print('total (inclusive) time by function', total)
