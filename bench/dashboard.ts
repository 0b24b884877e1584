// Supervisor dashboard and bulk import at Jambi's scale.
// Usage: npx tsx bench/dashboard.ts [--count 70000] [--n 200] [--import 70000] [--refresh 0]
// Needs the seed and content packs (prisma/seed.ts, scripts/import-content.ts) in DATABASE_URL.
// 1. Creates `count` synthetic ASN (prisma/synthetic.ts), then with SQL gives each of them
//    enrolments (completed or active), JP credits, competency ratings and course assignments.
// 2. Rebuilds the aggregates (refreshDashboard) and reports its time.
// 3. Times the dashboard read (the loader's model call) for scopes of every size: the province
//    (admin), the largest OPD, a bidang, and the person drill-down; p50/p95/p99 over n calls each.
// 4. With the production build (build/server), times the same views as whole requests in this
//    process (session check, loader, server render, HTML bytes): p50/p95 and core-ms per view.
//    Each request gets the load context server/app.ts gives a document request (a `.data`
//    request, a client-side navigation, gets none); the deep page is asked for as the page's own
//    "next" link does (`?after=<person>&page=500`; a build without keyset paging ignores `after`
//    and skips 24,950 entries instead).
// 5. Times the training needs analysis (AKPK) from the aggregates and, a few times, live.
// 6. Generates a CSV of `import` ASN rows and times validate + apply (the two import jobs).
import { readFileSync, writeFileSync } from 'node:fs'
import { generateSynthetic } from '../prisma/synthetic'
import { syntheticImportFile } from '../prisma/synthetic-plan'
import { applyImport, startApply, validateImport } from '~/models/asn-import.server'
import {
  dashboard,
  dashboardView,
  personDetail,
  refreshDashboard,
} from '~/models/supervision.server'
import { renderScopeSections } from '~/components/scope-sections.server'
import { serverI18nInstance } from '~/i18next.server'
import { needsAnalysis, needsAnalysisLive } from '~/models/program.server'
import { createSession } from '~/utils/auth.server'
import { closeQueues } from '~/jobs/queue.server'
import { prisma } from '~/utils/db.server'

const args = new Map<string, string>()
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!)
const COUNT = Number(args.get('count') ?? 70_000)
const N = Number(args.get('n') ?? 200)
const IMPORT = Number(args.get('import') ?? 70_000)
const REFRESH = args.get('refresh') !== '0'
const HTTP = args.get('http') !== '0'
const NEEDS = args.get('needs') !== '0'
const ONLY = args.get('only') // e.g. "province" to time one view

/**
 * CPU (ms) used so far by the PostgreSQL backends connected to this database (from /proc; the
 * server runs on this machine). With node's own CPU this gives core-ms per unit of work, which
 * means something on a shared machine where latencies do not.
 */
async function dbCpuMs() {
  const pids = await prisma.$queryRaw<{ pid: number }[]>`
    SELECT pid FROM pg_stat_activity WHERE datname = current_database()`
  let ticks = 0
  for (const { pid } of pids) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const rest = f.slice(f.lastIndexOf(')') + 2).split(' ')
      ticks += Number(rest[11]) + Number(rest[12]) // utime, stime (fields 14, 15)
    } catch {
      // gone
    }
  }
  return ticks * 10 // USER_HZ = 100
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b)
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!
  return {
    n: s.length,
    p50: +q(0.5).toFixed(1),
    p95: +q(0.95).toFixed(1),
    p99: +q(0.99).toFixed(1),
  }
}

async function seedLearning() {
  const t = performance.now()
  const courses = await prisma.course.findMany({
    where: { currentVersionId: { not: null } },
    select: { id: true, currentVersionId: true, jp: true, title: true },
  })
  if (!courses.length) throw new Error('no published courses: run scripts/import-content.ts')
  const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear()
  for (const [i, c] of courses.entries()) {
    // About 60 % of people enrol in each course; half of those finish it.
    await prisma.$executeRawUnsafe(
      `INSERT INTO "Enrolment" (id, "userId", "courseId", "courseVersionId", source, status, "enrolledAt", "completedAt")
       SELECT 'be' || $4 || u.id, u.id, $1, $2, 'SELF',
              (CASE WHEN hashtext(u.id || $1) % 2 = 0 THEN 'COMPLETED' ELSE 'ACTIVE' END)::"EnrolmentStatus",
              now() - interval '30 days', CASE WHEN hashtext(u.id || $1) % 2 = 0 THEN now() - interval '5 days' END
       FROM "User" u WHERE u.nip LIKE '%' AND abs(hashtext(u.id || $3)) % 10 < 6
       ON CONFLICT DO NOTHING`,
      c.id,
      c.currentVersionId,
      String(i),
      String(i),
    )
    await prisma.$executeRawUnsafe(
      `INSERT INTO "JpCredit" (id, "userId", year, jp, "sourceType", "sourceId", title)
       SELECT 'bj' || e.id, e."userId", $2, $3, 'COURSE', e.id, $4 FROM "Enrolment" e
       WHERE e."courseId" = $1 AND e.status = 'COMPLETED' ON CONFLICT DO NOTHING`,
      c.id,
      year,
      c.jp,
      c.title,
    )
    // A third of the people are assigned the course, due 10 days ago or in 20 days.
    await prisma.$executeRawUnsafe(
      `INSERT INTO "CourseAssignment" (id, "userId", "courseId", "dueAt")
       SELECT 'ba' || $2 || u.id, u.id, $1,
              now() + (CASE WHEN abs(hashtext(u.id)) % 2 = 0 THEN interval '-10 days' ELSE interval '20 days' END)
       FROM "User" u WHERE abs(hashtext(u.id || 'a' || $2)) % 3 = 0 ON CONFLICT DO NOTHING`,
      c.id,
      String(i),
    )
  }
  // Ratings for 70 % of people in each competency of their jabatan standard, level 1..5.
  await prisma.$executeRawUnsafe(
    `INSERT INTO "CompetencyRating" ("userId", "competencyId", level, "ratedAt", "evidenceCount", provenance)
     SELECT u.id, s."competencyId", 1 + abs(hashtext(u.id || s."competencyId")) % 5, now(), 1, '{}'::jsonb
     FROM "User" u JOIN "JabatanStandard" s ON s."jabatanId" = u."jabatanId"
     WHERE abs(hashtext(s."competencyId" || u.id)) % 10 < 7 ON CONFLICT DO NOTHING`,
  )
  const [e, r, a] = await Promise.all([
    prisma.enrolment.count(),
    prisma.competencyRating.count(),
    prisma.courseAssignment.count(),
  ])
  return { enrolments: e, ratings: r, assignments: a, ms: Math.round(performance.now() - t) }
}

async function timeIt(label: string, fn: () => Promise<unknown>, n = N) {
  if (ONLY && !label.includes(ONLY)) return null
  for (let i = 0; i < (n > 3 ? 5 : 0); i++) await fn() // warm-up
  const ms: number[] = []
  const db0 = await dbCpuMs()
  const cpu0 = process.cpuUsage()
  let extra = ''
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    const r = await fn()
    ms.push(performance.now() - t)
    if (typeof r === 'string') extra = r
  }
  const cpu = process.cpuUsage(cpu0)
  const db = (await dbCpuMs()) - db0
  const s = stats(ms)
  const node = (cpu.user + cpu.system) / 1000 / n
  console.log(
    `${label.padEnd(34)} p50 ${s.p50} ms  p95 ${s.p95} ms  p99 ${s.p99} ms  ` +
      `core-ms/call: node ${node.toFixed(2)} + db ${(db / n).toFixed(2)} = ${(node + db / n).toFixed(2)}  ${extra}` +
      `(load ${(await import('node:os')).loadavg()[0]!.toFixed(1)})`,
  )
  return s
}

async function benchImport() {
  // The file: `IMPORT` synthetic people of their own prefix ("I", not the dashboard's "D"), planned
  // for a fixed day so the same count always gives the same file (tests/unit/synthetic-plan.test.ts
  // checks 70,000 of them: unique NIPs and emails, valid NIPs, every atasan in the file). Rows whose
  // NIP is already in the database are updates (a second run updates them all).
  const [units, jabatan] = await Promise.all([
    prisma.unit.findMany({
      where: { closedAt: null },
      orderBy: { code: 'asc' },
      select: { id: true, code: true, path: true, depth: true, parentId: true },
    }),
    prisma.jabatan.findMany({
      orderBy: { code: 'asc' },
      select: { id: true, code: true, kind: true },
    }),
  ])
  const { csv, people } = syntheticImportFile(IMPORT, {
    prefix: 'I',
    today: new Date(Date.UTC(2026, 11, 1)),
    units,
    jabatan,
  })
  const [{ n: inDb }] = await prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "User" WHERE nip = ANY(${people.map((p) => p.nip)}::text[])`
  console.log(`import file: ${IMPORT} rows, ${inDb} of their NIPs already in the database`)
  writeFileSync('/tmp/bina-import-bench.csv', csv)
  const admin = await prisma.user.findFirstOrThrow({ where: { roles: { has: 'ADMIN' } } })
  const imp = await prisma.asnImport.create({
    data: {
      createdById: admin.id,
      fileName: 'bench.csv',
      format: 'csv',
      content: Buffer.from(csv),
    },
  })
  const db0 = await dbCpuMs()
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  await validateImport(imp.id)
  const t1 = performance.now()
  const v = await prisma.asnImport.findUniqueOrThrow({
    where: { id: imp.id },
    omit: { content: true },
  })
  if (v.invalid) {
    const bad = await prisma.asnImportRow.findMany({
      where: { importId: imp.id, NOT: { errors: { isEmpty: true } } },
      orderBy: { rowNo: 'asc' },
      take: 3,
      select: { rowNo: true, errors: true },
    })
    console.log(`import file NOT clean: ${v.invalid} invalid rows, e.g. ${JSON.stringify(bad)}`)
  }
  const started = await startApply(imp.id, v.invalid ? 'VALID_ONLY' : 'ALL').catch((e) => e)
  const res = await applyImport(imp.id)
  const t2 = performance.now()
  const cpu = process.cpuUsage(cpu0)
  const db = (await dbCpuMs()) - db0
  console.log(
    `import ${IMPORT} rows (${(csv.length / 1e6).toFixed(1)} MB CSV): validate ${((t1 - t0) / 1000).toFixed(1)} s, ` +
      `apply ${((t2 - t1) / 1000).toFixed(1)} s, total ${((t2 - t0) / 1000).toFixed(1)} s; valid ${v.valid}, invalid ${v.invalid}; ` +
      `${JSON.stringify(res)}; core-ms/row: node ${((cpu.user + cpu.system) / 1000 / IMPORT).toFixed(3)} (db: ${(db / IMPORT).toFixed(3)}, undercounted: pool connections closed while idle take their CPU with them) (load ${(await import('node:os')).loadavg()[0]!.toFixed(1)}); start ${JSON.stringify(started)}`,
  )
}

async function main() {
  const users = await prisma.user.count()
  if (users < COUNT) {
    const r = await generateSynthetic(COUNT - users + 5, { prefix: 'D', log: false })
    console.log(`synthetic: ${r.usersCreated} ASN in ${Math.round(r.ms)} ms`)
  }
  if ((await prisma.enrolment.count()) < COUNT) console.log('learning data', await seedLearning())
  const refresh = REFRESH
    ? await refreshDashboard()
    : await prisma.dashRefresh.findUniqueOrThrow({ where: { id: 1 } })
  console.log(`refresh: ${refresh.users} people in ${refresh.ms} ms`)

  const admin = await prisma.user.findFirstOrThrow({
    where: { roles: { has: 'ADMIN' } },
    select: { id: true, roles: true, unit: { select: { path: true } } },
  })
  const opd = await prisma.$queryRaw<{ id: string; path: string; n: number }[]>`
    SELECT u.id, u.path, sum(s.headcount)::int AS n FROM "Unit" u JOIN "Unit" d ON d.path LIKE u.path || '%'
    JOIN "DashUnitStat" s ON s."unitId" = d.id WHERE u.depth = 1 GROUP BY u.id ORDER BY n DESC LIMIT 1`
  const bidang = await prisma.$queryRaw<{ id: string; path: string; n: number }[]>`
    SELECT u.id, u.path, s.headcount AS n FROM "Unit" u JOIN "DashUnitStat" s ON s."unitId" = u.id
    WHERE u.depth >= 2 ORDER BY s.headcount DESC LIMIT 1`
  const asViewer = (path: string) => ({
    id: 'bench',
    roles: ['SUPERVISOR' as const],
    unit: { path },
  })
  const someone = await prisma.dashUserStat.findFirstOrThrow({
    where: { unitPath: { startsWith: bidang[0]!.path } },
  })
  console.log(
    `scopes: province ${refresh.users}, largest OPD ${opd[0]!.n}, largest unit ${bidang[0]!.n} people`,
  )
  await timeIt('dashboard province (admin)', () => dashboard(admin))
  await timeIt('dashboard province, filter below', () => dashboard(admin, { filter: 'below' }))
  await timeIt('dashboard province, page 500', () => dashboard(admin, { page: 500 }))
  // The person after whom page 500 starts (what the "next" link of page 499 names).
  const root = await prisma.unit.findFirstOrThrow({ where: { parentId: null } })
  const [deep] = await prisma.$queryRaw<{ userId: string }[]>`
    SELECT "userId" FROM "DashScopeMember" WHERE "scopeId" = ${root.id} AND "userId" <> ${admin.id}
    ORDER BY name, "userId" OFFSET ${499 * 50 - 1} LIMIT 1`
  // Fewer than 25,000 people (a small --count): no page 500 to reach by its link.
  if (deep)
    await timeIt('dashboard province, page 500 (keyset)', () =>
      dashboard(admin, { after: deep.userId, page: 500 }),
    )
  // A process that already rendered the province's sections reads no view text.
  const known = (await dashboardView(admin)).version
  await timeIt('dashboard province (view known)', () =>
    dashboardView(admin, { knownVersion: () => known }),
  )
  {
    // What a cache miss adds: rendering the province's sections (once per refresh and language).
    const v = await dashboardView(admin)
    const t = (await serverI18nInstance('id')).t
    await timeIt(
      'render province sections (miss)',
      async () =>
        `html ${(renderScopeSections(root.id, 'bench', null, v.view!, t).length / 1024).toFixed(1)} KB `,
    )
  }
  await timeIt('dashboard largest OPD', () => dashboard(asViewer(opd[0]!.path)))
  await timeIt('dashboard largest unit', () => dashboard(asViewer(bidang[0]!.path)))
  await timeIt('person drill-down', () => personDetail(asViewer(bidang[0]!.path), someone.userId))
  const json = (v: unknown) => `json ${(JSON.stringify(v).length / 1024).toFixed(1)} KB`
  console.log(
    `loader data: province ${json(await dashboard(admin))}, OPD ${json(await dashboard(asViewer(opd[0]!.path)))}, ` +
      `unit ${json(await dashboard(asViewer(bidang[0]!.path)))}`,
  )

  if (HTTP) {
    // Whole requests (session, loader, server render) through the production build, in-process.
    // --build <file>: another build (e.g. the main worktree's, for a before/after).
    const buildUrl = args.get('build')
      ? new URL(`file://${args.get('build')}`).href
      : new URL('../build/server/index.js', import.meta.url).href
    const build = await import(buildUrl).catch((e) => {
      console.log(String(e))
      return null
    })
    if (!build) console.log('no build/server: run NODE_ENV=production npx remix vite:build first')
    else {
      const { createRequestHandler } = await import('@remix-run/node')
      // As server/app.ts does for the production server (decision 074), unless --route-cache 0.
      if (args.get('route-cache') !== '0')
        (await import('../server/route-match-cache')).installRouteMatchCache()
      const handle = createRequestHandler(build, 'production')
      // Real signed-in people: the admin, and supervisors placed at the OPD and the unit.
      const boss = async (path: string, id: string) => {
        const unit = await prisma.unit.findFirstOrThrow({ where: { path } })
        await prisma.user.upsert({
          where: { id },
          create: {
            id,
            nip: id,
            name: `Bench ${id}`,
            email: `${id}@bench.jambiprov.go.id`,
            unitId: unit.id,
            roles: ['SUPERVISOR', 'ASN'],
          },
          update: { unitId: unit.id, active: true },
        })
        return id
      }
      const cookieOf = async (userId: string) =>
        (await createSession(userId, { ip: '127.0.0.1' })).split(';')[0]!
      const adminCookie = await cookieOf(admin.id)
      const opdCookie = await cookieOf(await boss(opd[0]!.path, 'bench-opd'))
      const unitCookie = await cookieOf(await boss(bidang[0]!.path, 'bench-unit'))
      const get = (path: string, cookie: string) => async () => {
        // The load context of server/app.ts: a document request gets a map for rendered markup.
        const res = await handle(
          new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }),
          { cspNonce: '', fragments: path.includes('.data') ? undefined : new Map() },
        )
        const body = await res.text()
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 200)}`)
        return `html ${(body.length / 1024).toFixed(1)} KB`
      }
      await timeIt('HTTP province (admin)', get('/supervisi', adminCookie))
      await timeIt('HTTP province, filter below', get('/supervisi?filter=below', adminCookie))
      await timeIt('HTTP largest OPD', get('/supervisi', opdCookie))
      await timeIt('HTTP largest unit', get('/supervisi', unitCookie))
      await timeIt('HTTP drill-down', get(`/supervisi/pegawai/${someone.userId}`, unitCookie))
      await timeIt('HTTP province, page 500', get('/supervisi?page=500', adminCookie))
      if (deep)
        await timeIt(
          'HTTP province, page 500 (next link)',
          get(`/supervisi?after=${deep.userId}&page=500`, adminCookie),
        )
      await timeIt('HTTP province (English)', get('/supervisi?lng=en', adminCookie))
      await timeIt('HTTP province, navigation (.data)', get('/supervisi.data', adminCookie))
    }
  }

  if (NEEDS) {
    const root = await prisma.unit.findFirstOrThrow({ where: { parentId: null } })
    const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear()
    await timeIt('needs province (aggregates)', () => needsAnalysis(admin, root.id, year))
    await timeIt('needs largest OPD (aggregates)', () => needsAnalysis(admin, opd[0]!.id, year))
    await timeIt('needs province (live)', () => needsAnalysisLive(admin, root.id, year), 3)
    await timeIt('needs largest OPD (live)', () => needsAnalysisLive(admin, opd[0]!.id, year), 3)
  }
  if (IMPORT > 0) await benchImport()
}

main()
  .catch((e) => {
    console.error(e)
    process.exitCode = 1
  })
  .finally(async () => {
    await closeQueues()
    await prisma.$disconnect()
    // A script ends when its work is done: the models' Redis clients and pools are not all
    // closed by the two calls above (the process used to stay up after its last line).
    process.exit()
  })
