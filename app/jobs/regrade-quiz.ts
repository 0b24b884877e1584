// Contract of the `quiz.regrade` job; the use case and handler are in regrade-quiz.server.ts.
import { z } from 'zod'

/** The job contract (listed in app/jobs/contracts.ts; processor registered in workers/processors.ts). */
export const regradeQuizJob = {
  queue: 'grading' as const,
  name: 'quiz.regrade',
  payload: z.object({ regradeId: z.string().min(1) }),
  options: { attempts: 5, backoff: { type: 'exponential' as const, delay: 2_000 } },
  jobId: (p: { regradeId: string }) => `regrade.${p.regradeId}`,
}
