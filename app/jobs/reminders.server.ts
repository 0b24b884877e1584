// Scheduled: notices and reminders about assigned courses (app/models/reminder.server.ts). Each run
// writes what is due since the last one; running twice (or on two workers at once) sends nothing
// twice.
import { z } from 'zod'
import { runReminders } from '~/models/reminder.server'
import { defineJob } from './define.server'

/** How often the sweep runs; a new assignment's notice arrives within this time. */
export const REMINDERS_EVERY_MS = 5 * 60_000

export const remindersJob = defineJob({
  name: 'reminders',
  payload: z.object({}),
  options: { attempts: 1, backoff: { type: 'fixed', delay: 1_000 } },
  concurrency: 1,
  key: () => 'reminders-sweep',
  handler: () => runReminders(new Date()),
  every: () => REMINDERS_EVERY_MS,
})
