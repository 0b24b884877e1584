// Per-certificate CPU of the two CPU-bound steps, in one process without database or queue:
// render the PDF (pdfkit, cached fonts) and sign it (cached PKCS#12 key). Complements
// bench/certificates.ts (end to end with workers and PostgreSQL): core-ms here bound what one core
// can issue at best. Usage: (set -a; . ./.env; set +a; npx tsx bench/certificate-unit.ts [N=200])
// 2026-12-01 04:51 UTC, shared machine (load average 12 on 2 cores), N=40: render 23.9 core-ms,
// sign 4.4 core-ms, 28.4 core-ms per certificate (35 a second per core at best); wall 87.5 ms.
// 2026-12-01 06:50, load average 3-8, N=200/300, before decision 064: render 12.2-15.3, sign
// 2.7-2.8 core-ms. After it (07:05-07:38, load average 13-15, N=300/500): render 6.2-8.1, sign
// 1.7-2.1, 8.0-10.1 core-ms per certificate (about 100-125 a second per core at best).
import { renderCertificatePdf } from '~/models/certificate-pdf.server'
import { getSigner } from '~/utils/signing.server'

const N = Number(process.argv[2] ?? 200)
const META = { reason: 'Sertifikat pelatihan', location: 'Jambi' }
const print = (i: number) => ({
  code: `ABCD-EFGH-JKMN-${String(i).padStart(4, '0')}-XY`,
  holderName: 'Dr. Nurul Fadhilah, S.Ak., M.Ak.',
  holderNip: '199203152019032001',
  courseTitle: 'Pengelolaan Keuangan Daerah',
  jp: 6,
  completedAt: new Date(),
  issuedAt: new Date(),
  competencies: [
    { code: 'T-KEU-01', name: 'Penganggaran APBD', level: 3 },
    { code: 'T-KEU-02', name: 'Akuntansi Akrual SAP', level: 2 },
  ],
  signerName: 'Dr. H. Sudirman, S.E., M.M.',
  signerTitle: 'Kepala BPSDM Provinsi Jambi',
  signerNip: '197001011995031001',
  issuer: 'Badan Pengembangan Sumber Daya Manusia',
  verifyUrl: `http://localhost:3000/verifikasi/ABCD-EFGH-JKMN-${i}-XY`,
})

async function main() {
  const signer = getSigner()
  // Warm up (font subsetting code paths, JIT).
  for (let i = 0; i < 10; i++) await signer.sign(await renderCertificatePdf(print(i)), META)
  let renderUs = 0
  let signUs = 0
  const wall = performance.now()
  for (let i = 0; i < N; i++) {
    const a = process.cpuUsage()
    const pdf = await renderCertificatePdf(print(i))
    const b = process.cpuUsage(a)
    await signer.sign(pdf, META)
    const c = process.cpuUsage()
    renderUs += b.user + b.system
    signUs += c.user + c.system - (a.user + a.system) - (b.user + b.system)
  }
  const ms = performance.now() - wall
  const perCert = (renderUs + signUs) / 1000 / N
  console.log(
    JSON.stringify({
      n: N,
      renderCoreMs: +(renderUs / 1000 / N).toFixed(2),
      signCoreMs: +(signUs / 1000 / N).toFixed(2),
      coreMsPerCertificate: +perCert.toFixed(2),
      certificatesPerSecondOneCore: +(1000 / perCert).toFixed(1),
      wallMsPerCertificate: +(ms / N).toFixed(2),
    }),
  )
}
void main()
