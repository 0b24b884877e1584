// Certificate benchmark (bench/run-certificates.sh sets up the database):
//  1. issuing: N completed enrolments, each with its issueCertificate outbox row (as completion
//     records it); the relay sends them to BullMQ; P worker processes (certificates queue only)
//     issue them: row, PDF, signature, storage. Measures wall time until every certificate has its
//     stored PDF, and the CPU time of the worker processes per certificate.
//  2. bulk ZIP of the first 1,000 certificates of the course (the export job, in this process):
//     wall time, CPU and the process's peak RSS while it runs.
// CPU is counted for the worker processes (start-up excluded), this process (the outbox relay and
// the polling) and the PostgreSQL backends serving the bench database (from /proc, by the pids
// pg_stat_activity names): the shared machine's other load is not in it. Redis is not counted.
// Prints the figures and writes them to bench/results/certificates-<timestamp>.json.
// Usage: tsx bench/certificates.ts [N=1000] [P=2]   (or: tsx bench/certificates.ts --worker)
import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { Prisma } from '~/generated/prisma/client'
import { closeQueues } from '~/jobs/queue.server'
import { buildCertificateExport } from '~/models/certificate-export.server'
import { issueCertificateJob } from '~/jobs/issue-certificate.server'
import { outboxInsertMany } from '~/jobs/outbox.server'
import { relayOutbox } from '~/jobs/relay.server'
import { prisma, sql } from '~/utils/db.server'
import { redis } from '~/utils/redis.server'
import { fileStorage } from '~/utils/storage.server'

async function workerMode() {
  const { startWorkers } = await import('../workers/index')
  const { stop } = await startWorkers(['issueCertificate'])
  // Warm the PDF fonts and the signing key, then report the CPU spent starting up.
  const { renderCertificatePdf } = await import('~/models/certificate-pdf.server')
  const { getSigner } = await import('~/utils/signing.server')
  getSigner()
  await renderCertificatePdf({
    code: 'X',
    holderName: 'X',
    holderNip: '1',
    courseTitle: 'X',
    jp: 1,
    completedAt: new Date(),
    issuedAt: new Date(),
    competencies: [],
    signerName: 'X',
    signerTitle: 'X',
    signerNip: '1',
    issuer: 'X',
    verifyUrl: 'http://x/verifikasi/X',
  })
  const ready = process.cpuUsage()
  process.stdout.write(`READY ${(ready.user + ready.system) / 1000}\n`)
  process.stdin.resume()
  process.stdin.on('end', async () => {
    await stop()
    const u = process.cpuUsage()
    process.stdout.write(`CPU ${(u.user + u.system) / 1000}\n`)
    await prisma.$disconnect()
    process.exit(0)
  })
}

/** CPU ms (user + system) of a process from /proc, or 0 when it is gone. */
function procCpuMs(pid: number) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100
  } catch {
    return 0
  }
}

/** CPU ms so far of each PostgreSQL backend connected to this database. */
async function backendCpu() {
  const rows = await sql<{ pid: number }>(
    Prisma.sql`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`,
  )
  return new Map(rows.map((r) => [r.pid, procCpuMs(r.pid)]))
}

async function setup(n: number) {
  const course = await prisma.course.create({
    data: {
      slug: `bench-${Date.now()}`,
      title: 'Pelayanan Publik Prima (benchmark)',
      summary: 'Benchmark',
      area: 'PELAYANAN_PUBLIK',
      jp: 6,
      status: 'PUBLISHED',
    },
  })
  const version = await prisma.courseVersion.create({
    data: {
      courseId: course.id,
      version: 1,
      title: course.title,
      summary: '',
      jp: 6,
      passMark: 70,
    },
  })
  const users = Array.from({ length: n }, (_, i) => ({
    id: `bench-user-${i}`,
    nip: `1985031220100110${String(i).padStart(2, '0')}`.slice(0, 14) + String(i).padStart(4, '0'),
    name: `Peserta Uji ${i}`,
    email: `bench${i}@bench.test`,
    gelarBelakang: 'S.E.',
  }))
  await prisma.user.createMany({ data: users })
  const completedAt = new Date()
  await prisma.enrolment.createMany({
    data: users.map((u) => ({
      id: `bench-enr-${u.id}`,
      userId: u.id,
      courseId: course.id,
      courseVersionId: version.id,
      status: 'COMPLETED' as const,
      completedAt,
    })),
  })
  await prisma.$transaction((tx) =>
    outboxInsertMany(
      tx,
      issueCertificateJob,
      users.map((u) => ({ enrolmentId: `bench-enr-${u.id}` })),
    ),
  )
  return course
}

async function main() {
  const n = Number(process.argv[2] ?? 1000)
  const procs = Number(process.argv[3] ?? 2)
  const course = await setup(n)
  console.log(`[bench] ${n} completed enrolments; ${procs} worker process(es), certificates queue`)
  // BENCH_CPU_PROF=<dir>: a V8 CPU profile of each worker process (bench/cpuprofile-summary.ts).
  const prof = process.env.BENCH_CPU_PROF
  const children = Array.from({ length: procs }, () =>
    spawn(
      prof ? process.execPath : 'npx',
      prof
        ? [
            '--cpu-prof',
            `--cpu-prof-dir=${prof}`,
            '--import',
            'tsx',
            'bench/certificates.ts',
            '--worker',
          ]
        : ['tsx', 'bench/certificates.ts', '--worker'],
      { stdio: ['pipe', 'pipe', 'inherit'], env: process.env },
    ),
  )
  const cpu: number[] = []
  const startCpu: number[] = []
  const ready = children.map(
    (c) =>
      new Promise<void>((resolve) =>
        c.stdout.on('data', (d: Buffer) => {
          const text = d.toString()
          const r = text.match(/READY ([\d.]+)/)
          if (r) {
            startCpu.push(Number(r[1]))
            resolve()
          }
          const m = text.match(/CPU ([\d.]+)/)
          if (m) cpu.push(Number(m[1]))
        }),
      ),
  )
  // The clock starts once every worker is up (compiled, connected, fonts and key loaded).
  await Promise.all(ready)
  const pg0 = await backendCpu()
  const t0 = performance.now()
  const cpu0 = process.cpuUsage()
  while ((await relayOutbox({ limit: 5000 })) > 0);
  let done = 0
  while (done < n) {
    await new Promise((r) => setTimeout(r, 200))
    done = await prisma.certificate.count({ where: { courseId: course.id, pdfKey: { not: null } } })
  }
  const wall = (performance.now() - t0) / 1000
  const mainCpu = process.cpuUsage(cpu0)
  const load = os.loadavg()
  // Backends that began during the run count from zero; those of before from their first reading.
  const pg1 = await backendCpu()
  let pgMs = 0
  for (const [pid, ms] of pg1) pgMs += ms - (pg0.get(pid) ?? 0)
  for (const c of children) c.stdin.end()
  await Promise.all(children.map((c) => new Promise((r) => c.on('exit', r))))
  const workerCpuMs = cpu.reduce((a, b) => a + b, 0) - startCpu.reduce((a, b) => a + b, 0)
  const relayMs = (mainCpu.user + mainCpu.system) / 1000
  const perCert = (ms: number) => (ms / n).toFixed(2)
  console.log(
    `[bench] issued ${n} certificates in ${wall.toFixed(1)} s: ${(n / wall).toFixed(1)}/s; ` +
      `load average ${load.map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores`,
  )
  console.log(
    `[bench] core-ms per certificate: workers ${perCert(workerCpuMs)} (start-up excluded), ` +
      `PostgreSQL backends ${perCert(pgMs)}, relay+poll ${perCert(relayMs)}; ` +
      `total ${perCert(workerCpuMs + pgMs + relayMs)} ` +
      `(= ${((1000 * os.cpus().length) / ((workerCpuMs + pgMs + relayMs) / n)).toFixed(0)}/s on idle cores)`,
  )

  // Bulk ZIP of up to 1,000 (the export job).
  const admin = await prisma.user.create({
    data: {
      nip: '199001012015031999',
      name: 'Admin Bench',
      email: 'admin@bench.test',
      roles: ['ADMIN'],
    },
  })
  const row = await prisma.certificateExport.create({
    data: { requestedById: admin.id, scope: 'COURSE', courseId: course.id },
  })
  const rss0 = process.memoryUsage().rss
  let rssPeak = rss0
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss)
  }, 20)
  const z0 = performance.now()
  const zc = process.cpuUsage()
  await buildCertificateExport({ exportId: row.id })
  const zwall = (performance.now() - z0) / 1000
  const zcpu = process.cpuUsage(zc)
  clearInterval(sampler)
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss)
  const exp = await prisma.certificateExport.findUniqueOrThrow({ where: { id: row.id } })
  const file = await fileStorage().stream(exp.fileKey!)
  file?.stream.destroy()
  console.log(
    `[bench] ZIP of ${exp.done} certificates: ${zwall.toFixed(2)} s, ` +
      `${((file?.size ?? 0) / 1e6).toFixed(1)} MB, CPU ${((zcpu.user + zcpu.system) / 1000).toFixed(0)} ms ` +
      `(${((zcpu.user + zcpu.system) / 1000 / Math.max(1, exp.done)).toFixed(2)} ms per certificate); ` +
      `RSS ${(rss0 / 1e6).toFixed(0)} MB before, peak ${(rssPeak / 1e6).toFixed(0)} MB (+${((rssPeak - rss0) / 1e6).toFixed(0)} MB)`,
  )
  const result = {
    at: new Date().toISOString(),
    certificates: n,
    workerProcesses: procs,
    concurrencyPerProcess: Number(process.env.CERT_CONCURRENCY ?? 4),
    cores: os.cpus().length,
    loadAverage: load,
    issuing: {
      wallSeconds: +wall.toFixed(2),
      perSecond: +(n / wall).toFixed(1),
      coreMsPerCertificate: {
        workers: +(workerCpuMs / n).toFixed(2),
        postgresBackends: +(pgMs / n).toFixed(2),
        relayAndPoll: +(relayMs / n).toFixed(2),
        total: +((workerCpuMs + pgMs + relayMs) / n).toFixed(2),
      },
    },
    zip: {
      certificates: exp.done,
      wallSeconds: +zwall.toFixed(2),
      megabytes: +((file?.size ?? 0) / 1e6).toFixed(1),
      cpuMs: Math.round((zcpu.user + zcpu.system) / 1000),
      rssBeforeMb: Math.round(rss0 / 1e6),
      rssPeakMb: Math.round(rssPeak / 1e6),
    },
  }
  mkdirSync('bench/results', { recursive: true })
  const out = `bench/results/certificates-${result.at.replace(/[:.]/g, '-')}.json`
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n')
  console.log(`[bench] written to ${out}`)
  await closeQueues()
  redis().disconnect()
  await prisma.$disconnect()
}

if (process.argv.includes('--worker')) void workerMode()
else
  main().catch((e) => {
    console.error(e)
    process.exit(1)
  })
