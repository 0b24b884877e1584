// CSV / XLSX export of a course's evaluation report (same access as the report).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { MIN_REPORT_GROUP } from '~/domain/evaluation'
import i18next from '~/i18next.server'
import { courseReport, courseReportRows, reportColumns } from '~/models/evaluation-report.server'
import { exportResponse, once_ } from '~/models/export.server'
import { slugSchema } from '~/schemas/common'
import { requireUser } from '~/utils/auth.server'
import { InvalidError } from '~/utils/errors'
import { readSearchParams, routeParam, withResourceErrors } from '~/utils/route-errors.server'

export const loader = withResourceErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const slug = routeParam(params, 'slug', slugSchema)
  const format = readSearchParams(request).get('format') ?? 'csv'
  if (format !== 'csv' && format !== 'xlsx') throw new InvalidError('input.invalid')
  const report = await courseReport(user, slug)
  // Headers and the note of a hidden (too small) group in the reader's language.
  const t = await i18next.getFixedT(request)
  const columns = reportColumns({
    level: t('evaluation.exportCols.level'),
    measure: t('evaluation.exportCols.measure'),
    subject: t('evaluation.exportCols.subject'),
    n: t('evaluation.exportCols.n'),
    value: t('evaluation.exportCols.value'),
    note: t('evaluation.exportCols.note'),
    tooFew: t('evaluation.tooFew', { min: MIN_REPORT_GROUP }),
  })
  return exportResponse(
    format,
    `evaluasi-${report.course.slug}`,
    'Evaluasi',
    columns,
    once_(courseReportRows(report)),
  )
})
