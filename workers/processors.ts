// Maps each job contract to the model function that does the work. Processors only parse the
// payload and call models: the rules live in app/models.
import type { Job } from 'bullmq'
import { jobs, type JobName, type QueueName } from '~/jobs/contracts'
import { createNotificationFromJob } from '~/models/notification.server'
import { processMuxEvent } from '~/models/video.server'
import { gradeAttempt, rateCompetency } from '~/models/grading.server'
import { maintenanceSweep } from '~/models/quiz.server'
import { issueCertificate } from '~/models/certificate.server'
import { buildCertificateExport } from '~/models/certificate-export.server'

type Processor = (job: Job) => Promise<unknown>

const byName: Partial<Record<JobName, (payload: never) => Promise<unknown>>> = {
  notify: createNotificationFromJob as (p: never) => Promise<unknown>,
  muxWebhook: processMuxEvent as (p: never) => Promise<unknown>,
  gradeAttempt: gradeAttempt as (p: never) => Promise<unknown>,
  rateCompetency: rateCompetency as (p: never) => Promise<unknown>,
  maintenanceSweep: maintenanceSweep as (p: never) => Promise<unknown>,
  issueCertificate: issueCertificate as (p: never) => Promise<unknown>,
  buildCertificateExport: buildCertificateExport as (p: never) => Promise<unknown>,
}

/** Registers an additional processor (used by feature modules that own a job). */
export function registerProcessor<N extends JobName>(
  name: N,
  fn: (payload: never) => Promise<unknown>,
) {
  byName[name] = fn
}

export function processorFor(queue: QueueName): Processor {
  return async (job) => {
    const entry = Object.entries(jobs).find(([, c]) => c.queue === queue && c.name === job.name)
    if (!entry) throw new Error(`No contract for job ${job.name} on queue ${queue}`)
    const [name, contract] = entry as [JobName, (typeof jobs)[JobName]]
    const fn = byName[name]
    if (!fn) throw new Error(`No processor registered for ${name}`)
    const payload = contract.payload.parse(job.data)
    return fn(payload as never)
  }
}
