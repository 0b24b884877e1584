import { PassThrough, Readable } from 'node:stream'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { ZipArchive } from 'archiver'
import { exportCoursePack } from '~/models/studio-export.server'
import { withResourceErrors } from '~/utils/route-errors.server'
import { requireStudioCourse } from '~/utils/studio-route.server'

/** The course's draft as a content pack (a ZIP of the pack folder, content/README.md). */
export const loader = withResourceErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const { courseId } = await requireStudioCourse(request, params)
  const pack = await exportCoursePack(courseId)
  const zip = new ZipArchive({ zlib: { level: 6 } })
  const out = new PassThrough()
  zip.pipe(out)
  for (const f of pack.files) zip.append(f.data, { name: `${pack.slug}/${f.path}` })
  void zip.finalize()
  return new Response(Readable.toWeb(out) as ReadableStream, {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${pack.slug}.zip"`,
      'Cache-Control': 'no-store',
    },
  })
})
