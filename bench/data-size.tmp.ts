import { prisma } from '~/utils/db.server'
import { createSession } from '~/utils/auth.server'
const { createRequestHandler } = await import('@remix-run/node')
const h = createRequestHandler(await import(new URL(`file://${process.cwd()}/build/server/index.js`).href), 'production')
const learner = await prisma.user.findFirstOrThrow({ where: { nip: '199203152019032001' } })
const attempt = await prisma.quizAttempt.findFirst({ where: { userId: learner.id, status: { not: 'IN_PROGRESS' } }, orderBy: { startedAt: 'desc' } })
const cookie = (await createSession(learner.id, { ip: '127.0.0.1' })).split(';')[0]!
const C = '/courses/keamanan-digital-asn'
for (const p of [C, `${C}/lessons/mengenali-phishing`, '/profile', `/quiz/${attempt!.id}`]) {
  const doc = await (await h(new Request(`http://localhost${p}`, { headers: { Cookie: cookie } }), { cspNonce: 'x', fragments: new Map() })).text()
  const data = await (await h(new Request(`http://localhost${p}.data`, { headers: { Cookie: cookie } }), {})).text()
  const scripts = [...doc.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map(m => m[1]!.length)
  console.log(p, 'doc', doc.length, 'data', data.length, 'scripts', scripts.join(','))
  if (!p.includes("lessons")) console.log(data.slice(0, 3000))
}
process.exit(0)
