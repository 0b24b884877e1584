// CSV / XLSX export of a course's evaluation report (same access as the report).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { courseReport, courseReportRows, reportColumns } from '~/models/evaluation-report.server'
import { exportResponse, once_ } from '~/models/export.server'
import { slugSchema } from '~/schemas/common'
import { requireUser } from '~/utils/auth.server'
import { InvalidError } from '~/utils/errors'
import { readSearchParams, routeParam, withAppErrors } from '~/utils/route-errors.server'

export const loader = withAppErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const slug = routeParam(params, 'slug', slugSchema)
  const format = readSearchParams(request).get('format') ?? 'csv'
  if (format !== 'csv' && format !== 'xlsx') throw new InvalidError('input.invalid')
  const report = await courseReport(user, slug)
  return exportResponse(
    format,
    `evaluasi-${report.course.slug}`,
    'Evaluasi',
    reportColumns,
    once_(courseReportRows(report)),
  )
})
