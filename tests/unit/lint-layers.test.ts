// The layer rules in eslint.config.js fire (issue 8, point 7): run ESLint's Node API on code with
// the file name it would have, without writing it into the tree (except the cycle check, which
// needs two real files and removes them afterwards).
import fs from 'node:fs/promises'
import path from 'node:path'
import { ESLint } from 'eslint'
import { afterAll, describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

async function ruleIds(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath })
  return result!.messages.map((m) => m.ruleId)
}

// Loading ESLint with the TypeScript parser and resolver takes seconds on a busy machine.
describe('layer rules', { timeout: 120_000 }, () => {
  it('a route that imports the database client fails', async () => {
    const code =
      "import { prisma } from '~/utils/db.server'\nexport const loader = () => prisma.user.count()\n"
    expect(await ruleIds(code, 'app/routes/x.tsx')).toContain('no-restricted-imports')
    // The same code in a model is fine.
    expect(await ruleIds(code, 'app/models/x.server.ts')).not.toContain('no-restricted-imports')
  })

  it('a route that imports the queue or Redis clients fails', async () => {
    for (const code of [
      "import { getQueue } from '~/jobs/queue.server'\nexport const q = getQueue\n",
      "import { redis } from '~/utils/redis.server'\nexport const r = redis\n",
      "import { Queue } from 'bullmq'\nexport const Q = Queue\n",
    ])
      expect(await ruleIds(code, 'app/routes/y.tsx'), code).toContain('no-restricted-imports')
  })

  it('exempts no route: the database and Redis clients are refused in every route file', async () => {
    const code = "import { prisma } from '~/utils/db.server'\nexport const p = prisma\n"
    for (const file of ['app/routes/quiz.$attemptId.tsx', 'app/routes/healthz.ts'])
      expect(await ruleIds(code, file)).toContain('no-restricted-imports')
    const r = "import { redis } from '~/utils/redis.server'\nexport const r = redis\n"
    expect(await ruleIds(r, 'app/routes/healthz.ts')).toContain('no-restricted-imports')
  })

  it('the domain imports no server module, Prisma, Remix, React or locale text', async () => {
    for (const code of [
      "import { env } from '~/utils/env.server'\nexport const e = env\n",
      "import { prisma } from '../utils/db.server'\nexport const p = prisma\n",
      "import { Prisma } from '@prisma/client'\nexport const P = Prisma\n",
      "import type { User } from '~/generated/prisma/client'\nexport type U = User\n",
      "import { json } from '@remix-run/node'\nexport const j = json\n",
      "import { useState } from 'react'\nexport const u = useState\n",
      "import id from '~/locales/id'\nexport const i = id\n",
    ])
      expect(await ruleIds(code, 'app/domain/z.ts'), code).toContain('no-restricted-imports')
    expect(
      await ruleIds("import { jpYear } from './jp'\nexport const y = jpYear\n", 'app/domain/z.ts'),
    ).toEqual([])
  })

  it('a model that imports Remix fails', async () => {
    const code = "import { redirect } from '@remix-run/node'\nexport const r = redirect\n"
    expect(await ruleIds(code, 'app/models/z.server.ts')).toContain('no-restricted-imports')
  })

  const dir = path.join(process.cwd(), 'app', `.lint-cycle-${process.pid}`)
  afterAll(() => fs.rm(dir, { recursive: true, force: true }))

  it('an import cycle fails', async () => {
    await fs.mkdir(dir, { recursive: true })
    await fs.writeFile(
      path.join(dir, 'a.ts'),
      "import { b } from './b'\nexport const a = () => b\n",
    )
    await fs.writeFile(
      path.join(dir, 'b.ts'),
      "import { a } from './a'\nexport const b = () => a\n",
    )
    const results = await eslint.lintFiles([path.join(dir, 'a.ts')])
    expect(results[0]!.messages.map((m) => m.ruleId)).toContain('import-x/no-cycle')
  })

  it('no file is exempt from the cycle rule: jobs, models, routes and workers alike', async () => {
    for (const file of [
      'app/jobs/grade-attempt.server.ts',
      'app/jobs/index.server.ts',
      'app/models/grading.server.ts',
      'app/models/asn-import.server.ts',
      'app/routes/quiz.$attemptId.tsx',
      'workers/index.ts',
    ]) {
      const config = (await eslint.calculateConfigForFile(file)) as {
        rules: Record<string, unknown>
      }
      const rule = config.rules['import-x/no-cycle']
      expect([rule, file]).toEqual([expect.arrayContaining([2]), file])
    }
  })

  const pair = {
    job: path.join(process.cwd(), 'app', 'jobs', `lint-cycle-${process.pid}.server.ts`),
    model: path.join(process.cwd(), 'app', 'models', `lint-cycle-${process.pid}.server.ts`),
  }
  afterAll(() => Promise.all(Object.values(pair).map((f) => fs.rm(f, { force: true }))))

  it('a model that imports the job file which calls it back fails (decision 021)', async () => {
    const name = `lint-cycle-${process.pid}.server`
    await fs.writeFile(
      pair.job,
      `import { work } from '../models/${name}'\nexport const job = { handler: () => work() }\n`,
    )
    await fs.writeFile(
      pair.model,
      `import { job } from '../jobs/${name}'\nexport const work = () => job.handler\n`,
    )
    const results = await eslint.lintFiles([pair.model])
    expect(results[0]!.messages.map((m) => m.ruleId)).toContain('import-x/no-cycle')
    // Through a contract (a leaf), the same model is fine.
    const viaContract =
      "import { gradeAttemptContract } from '~/jobs/contracts.server'\n" +
      'export const work = () => gradeAttemptContract.name\n'
    expect(await ruleIds(viaContract, pair.model)).not.toContain('import-x/no-cycle')
  })
})
