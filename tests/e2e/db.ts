// Read access to the e2e database, for what a test needs to know but a learner would not see
// (the answer key) and for setting up a clock condition (an attempt past its deadline).
import fs from 'node:fs'
import pg from 'pg'

function e2eDatabaseUrl() {
  const env = fs.readFileSync('.local/services.env', 'utf8')
  const base = env.match(/^DATABASE_URL=(.*)$/m)![1]!
  const u = new URL(base)
  u.pathname = `${u.pathname}_e2e_${process.env.E2E_PORT ?? 3100}`
  return u.toString()
}

export async function withDb<T>(fn: (c: pg.Client) => Promise<T>) {
  const c = new pg.Client({ connectionString: e2eDatabaseUrl() })
  await c.connect()
  try {
    return await fn(c)
  } finally {
    await c.end()
  }
}

export interface KeyedQuestion {
  type: string
  correctOptions: string[]
  accepted: string[]
  numeric: number | null
}

/** The answer key of a question, looked up by its text. */
export function answerKey(text: string) {
  return withDb(async (c) => {
    const q = await c.query(
      'SELECT id, type, "acceptedAnswers", "numericAnswer", "optionIds" FROM "QuestionVersion" WHERE text = $1 ORDER BY "createdAt" DESC LIMIT 1',
      [text],
    )
    const row = q.rows[0]
    if (!row) throw new Error(`no question with text ${text.slice(0, 60)}`)
    const o = await c.query(
      'SELECT text FROM "QuestionOption" WHERE id = ANY($1::text[]) AND correct ORDER BY text',
      [row.optionIds],
    )
    return {
      type: row.type,
      correctOptions: o.rows.map((r) => r.text),
      accepted: row.acceptedAnswers,
      numeric: row.numericAnswer,
    } as KeyedQuestion
  })
}
