// The review of a submitted attempt: every question with the learner's answer and, as the quiz's
// review settings allow, the points, the key and the feedback. Nothing in it is interactive, so
// the quiz page renders it in its loader as a fragment (app/utils/html-fragment.server.tsx,
// decision 125) and its data does not travel a second time in the route data.
import { useTranslation } from 'react-i18next'
import type { attemptPageView } from '~/models/quiz.server'
import { attemptImageSrc, BankText } from './question-bank-text'

export type ReviewItem = Awaited<ReturnType<typeof attemptPageView>>['items'][number]

export function QuizReview({ attemptId, items }: { attemptId: string; items: ReviewItem[] }) {
  const { t } = useTranslation()
  const img = attemptImageSrc(attemptId)
  return (
    <section data-testid="quiz-review">
      <h2>{t('screens.attempt.reviewHeading')}</h2>
      {items.map((q) => (
        <div className="question" key={q.id}>
          <p>
            <strong>{q.index}.</strong> <BankText text={q.text} imageSrc={img} />{' '}
            {q.score !== undefined ? (
              <span className={q.score >= q.points ? 'correct' : 'incorrect'}>
                ({q.score}/{q.points})
              </span>
            ) : null}
          </p>
          {q.options.length ? (
            <ul>
              {q.options.map((o) => {
                const chosen = q.response?.optionIds?.includes(o.id)
                const correct = 'correct' in o ? (o.correct as boolean) : undefined
                const feedback = 'feedback' in o ? (o.feedback as string | null) : null
                return (
                  <li key={o.id}>
                    {chosen ? '☑' : '☐'} <BankText text={o.text} imageSrc={img} />
                    {correct !== undefined ? (
                      <span className={correct ? 'correct' : 'incorrect'}>
                        {correct ? t('screens.attempt.correctMark') : ''}
                      </span>
                    ) : null}
                    {feedback ? (
                      <span className="muted">
                        {' '}
                        — <BankText text={feedback} imageSrc={img} />
                      </span>
                    ) : null}
                  </li>
                )
              })}
            </ul>
          ) : (
            <p>
              {t('screens.attempt.yourAnswer', { answer: q.response?.text || '—' })}
              {q.acceptedAnswers?.length ? (
                <span className="muted">
                  {t('screens.attempt.correctAnswer', {
                    answer: q.acceptedAnswers.join(' / '),
                  })}
                </span>
              ) : null}
              {q.numericAnswer != null ? (
                <span className="muted">
                  {t('screens.attempt.correctAnswer', { answer: q.numericAnswer })}
                </span>
              ) : null}
            </p>
          )}
          {q.feedback ? (
            <p className="muted">
              <BankText text={q.feedback} imageSrc={img} />
            </p>
          ) : null}
        </div>
      ))}
    </section>
  )
}
