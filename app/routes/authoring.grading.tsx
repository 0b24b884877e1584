import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useOutlet, type ShouldRevalidateFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { listAttemptsNeedingGrading } from '~/models/essay-grading.server'
import { requireRole } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { formatDate } from '~/utils/misc'
import { formatNip } from '~/utils/nip'

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, { key: 'screens.grading.title' })

/** The notice after grading, from a fixed set (nothing from the URL is shown as is). */
function noticeFrom(url: URL) {
  const saved = url.searchParams.get('saved')
  if (saved === 'complete') return { key: 'screens.grading.saved' }
  if (saved === 'partial') {
    const left = Number(url.searchParams.get('left'))
    return Number.isInteger(left) && left > 0 && left < 1000
      ? { key: 'screens.grading.savedLeft', params: { count: left } }
      : { key: 'screens.grading.savedSome' }
  }
  return null
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireRole(request, 'INSTRUCTOR', 'ADMIN')
  // This route is also the parent of /authoring/grading/:attemptId, which renders on its own.
  if (params.attemptId) return { list: null, notice: null }
  return { list: await listAttemptsNeedingGrading(actor), notice: noticeFrom(new URL(request.url)) }
}

// The parent match keeps its pathname between the list and a grading page, so by default its loader
// would not run again when coming back from a grading page by a plain link.
export const shouldRevalidate: ShouldRevalidateFunction = ({
  currentParams,
  nextParams,
  defaultShouldRevalidate,
}) => Boolean(currentParams.attemptId) !== Boolean(nextParams.attemptId) || defaultShouldRevalidate

export default function EssayGradingList() {
  const outlet = useOutlet()
  const { list, notice } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  if (outlet || !list) return outlet

  return (
    <>
      <p>
        <Link to="/authoring">{t('screens.quizSettings.back')}</Link>
      </p>
      <h1>{t('screens.grading.title')}</h1>
      <p className="muted">{t('screens.grading.intro')}</p>

      {notice ? (
        <p className="alert alert-info" role="status" data-testid="grading-message">
          {t(notice.key, notice.params)}
        </p>
      ) : null}

      {list.attempts.length === 0 ? (
        <p className="card">{t('screens.grading.none')}</p>
      ) : (
        <>
          <p>
            {list.total > list.attempts.length
              ? t('screens.grading.showing', { shown: list.attempts.length, total: list.total })
              : t('screens.grading.waiting', { total: list.total })}
          </p>
          <div style={{ overflowX: 'auto' }}>
            <table>
              <caption className="sr-only">{t('screens.grading.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('screens.grading.learner')}</th>
                  <th scope="col">{t('screens.grading.courseQuiz')}</th>
                  <th scope="col">{t('screens.grading.attemptNo')}</th>
                  <th scope="col">{t('screens.grading.submitted')}</th>
                  <th scope="col">{t('screens.grading.ungraded')}</th>
                  <th scope="col">{t('screens.grading.action')}</th>
                </tr>
              </thead>
              <tbody>
                {list.attempts.map((a) => (
                  <tr key={a.id} data-testid={`grading-row-${a.id}`}>
                    <th scope="row" className="row-label">
                      {a.learner.name}
                      <br />
                      <span className="muted">NIP {formatNip(a.learner.nip)}</span>
                    </th>
                    <td>
                      {a.courseTitle}
                      <br />
                      <span className="muted">{a.lessonTitle}</span>
                    </td>
                    <td>{a.number}</td>
                    <td>{a.submittedAt ? formatDate(a.submittedAt) : '—'}</td>
                    <td>
                      {t('screens.grading.ofEssays', {
                        ungraded: a.ungradedEssays,
                        total: a.essays,
                      })}
                    </td>
                    <td>
                      <Link
                        to={`/authoring/grading/${a.id}`}
                        aria-label={t('screens.grading.gradeLabel', {
                          name: a.learner.name,
                          number: a.number,
                        })}
                      >
                        {t('screens.grading.grade')}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  )
}
