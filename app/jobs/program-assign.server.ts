// Enrols the target group of a program item (AKPK, docs/decisions/085): tens of thousands of
// people in batches, one statement per batch, without blocking the request that started it.
// Recorded in the outbox by startAssignment (same transaction as the item's move to ASSIGNING);
// the handler re-reads the item and does nothing once it is ASSIGNED.
import { assignProgramItem, unfinishedAssignments } from '~/models/program.server'
import { programAssignContract } from './contracts.server'
import { defineJob } from './define.server'

export const programAssignJob = defineJob({
  ...programAssignContract,
  concurrency: 1,
  handler: (p) => assignProgramItem(p.itemId),
  recover: {
    // Still ASSIGNING and untouched since the cutoff: the job was lost (or crashed for good).
    find: async (cutoff, limit) =>
      (await unfinishedAssignments(cutoff, limit)).map((i) => ({ itemId: i.id })),
    rerunCompleted: true,
  },
})
