// Child process of tests/integration/db-pool.test.ts: opens `n` pooled connections at once
// (concurrent statements, or `warmPool(n)` when the third argument is "warm"), prints "ready",
// then stays alive for `holdMs` (0: nothing keeps it alive but the pool) without closing the pool.
import { Prisma } from '~/generated/prisma/client'
import { sql, warmPool } from '~/utils/db.server'

const n = Number(process.argv[2] ?? 4)
const holdMs = Number(process.argv[3] ?? 0)
if (process.argv[4] === 'warm') console.log(`warmed ${await warmPool(n)}`)
else await Promise.all(Array.from({ length: n }, () => sql(Prisma.sql`SELECT pg_sleep(0.2)`)))
console.log('ready')
if (holdMs > 0) setTimeout(() => console.log('done'), holdMs)
