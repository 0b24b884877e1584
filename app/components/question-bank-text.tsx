// Text of a bank question (question, option, feedback) with its images: the importer stores an
// image embedded in Moodle XML and leaves the marker [[gambar:<sha256>.<ext>]] in the text
// (docs/decisions/051). `imageSrc` names the access-checked address the page may show it from.
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { splitImageMarkers } from '~/domain/question-images'

export function BankText({ text, imageSrc }: { text: string; imageSrc: (name: string) => string }) {
  const { t } = useTranslation()
  let n = 0
  // Course content, written by its authors in their language: marked so, like lesson bodies
  // (`data-content`), which the English-UI checks of the tests leave out.
  return (
    <span data-content>
      {splitImageMarkers(text).map((part, i) => {
        if ('image' in part) {
          n += 1
          return (
            <img
              key={i}
              className="bank-image"
              src={imageSrc(part.image)}
              alt={t('bank.imageAlt', { n })}
              style={{ display: 'block', maxWidth: '100%', height: 'auto', margin: '0.5rem 0' }}
            />
          )
        }
        return (
          <Fragment key={i}>
            {part.text.split('\n').map((line, j) => (
              <Fragment key={j}>
                {j > 0 ? <br /> : null}
                {line}
              </Fragment>
            ))}
          </Fragment>
        )
      })}
    </span>
  )
}

/** Where the learner of an attempt (or who teaches its course) sees the attempt's images. */
export const attemptImageSrc = (attemptId: string) => (name: string) =>
  `/quiz/${attemptId}/gambar/${encodeURIComponent(name)}`

/** Where instructors of a course see the images of its bank. */
export const courseImageSrc = (courseId: string) => (name: string) =>
  `/authoring/bank/${courseId}/gambar/${encodeURIComponent(name)}`
