// Imports every course pack under content/courses (idempotent). Stops on the first invalid pack
// with the file and the reason, before anything is written.
import path from 'node:path'
import { importAllPacks, PackError } from '~/models/content-pack.server'
import { assignDemoInstructor } from '~/models/course-instructor.server'
import { prisma } from '~/utils/db.server'
import { env } from '~/utils/env.server'

const root = path.resolve(process.argv[2] ?? 'content/courses')
const started = Date.now()
importAllPacks(root, env.MEDIA_DIR)
  .then(async (results) => {
    // The demo instructor of prisma/seed.ts teaches the pack courses (none assigned yet).
    await assignDemoInstructor(
      'widyaiswara@bina.jambiprov.go.id',
      results.map((r) => r.slug),
    )
    for (const r of results)
      console.log(
        `  ${r.slug}: version ${r.version}${r.published ? ' (published)' : ' (unchanged)'}` +
          (r.questionVersions ? `, ${r.questionVersions} new question versions` : ''),
      )
    console.log(`Imported ${results.length} course packs in ${Date.now() - started} ms.`)
  })
  .catch((e) => {
    if (e instanceof PackError) console.error(`Invalid content pack: ${e.file}\n  ${e.reason}`)
    else console.error(e)
    process.exitCode = 1
  })
  .finally(() => prisma.$disconnect())
