import {
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Flash } from '~/components/flash'
import { GRADING_METHODS } from '~/domain/grading-method'
import {
  drawField,
  NOT_INSTRUCTOR_MESSAGE,
  quizSettingsFor,
  quizSettingsSchema,
  settingsFormDefaults,
  updateQuizSettings,
} from '~/models/quiz-settings.server'
import { FieldError } from '~/models/user.server'
import { RegradeError, regradesOf, requestRegrade } from '~/jobs/regrade-quiz.server'
import { requireRole } from '~/utils/auth.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Pengaturan kuis: ${data?.quiz.lessonTitle ?? 'Kuis'} · Bina` },
]

const NOT_FOUND = 'Kuis tidak ditemukan.'
const REGRADE_QUEUED = 'Penilaian ulang dijadwalkan dan dicatat.'

/** The quiz, for an admin or an instructor of its course only (404 / 403 otherwise). */
async function settingsFor(request: Request, quizId: string) {
  const user = await requireRole(request, 'INSTRUCTOR', 'ADMIN')
  const { quiz, forbidden } = await quizSettingsFor(quizId, user)
  if (forbidden) throw new Response(NOT_INSTRUCTOR_MESSAGE, { status: 403 })
  if (!quiz) throw new Response(NOT_FOUND, { status: 404 })
  return { user, quiz }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { quiz } = await settingsFor(request, params.quizId!)
  return {
    quiz: {
      id: quiz.id,
      courseTitle: quiz.courseTitle,
      courseSlug: quiz.courseSlug,
      lessonTitle: quiz.lessonTitle,
      questionCount: quiz.questionCount,
      attemptsInProgress: quiz.attemptsInProgress,
      slots: quiz.slots.map((s) => ({ ...s, field: drawField(s.id) })),
    },
    defaults: settingsFormDefaults(quiz),
    regrades: await regradesOf(quiz.id),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, quiz } = await settingsFor(request, params.quizId!)
  const form = await request.formData()
  if (form.get('intent') === 'regrade') {
    // The explicit, audited regrade: earlier attempts take the current pass mark and method.
    try {
      await requestRegrade(quiz.id, user)
      return { result: undefined, saved: false, regrade: { ok: true, message: REGRADE_QUEUED } }
    } catch (e) {
      if (e instanceof RegradeError)
        return data(
          { result: undefined, saved: false, regrade: { ok: false, message: e.message } },
          { status: e.status },
        )
      throw e
    }
  }
  const submission = parseWithZod(form, {
    schema: quizSettingsSchema(quiz.slots),
  })
  if (submission.status !== 'success')
    return data({ result: submission.reply(), saved: false, regrade: null }, { status: 400 })
  try {
    const saved = await updateQuizSettings(quiz.id, submission.value, user.id)
    if (!saved) throw new Response(NOT_FOUND, { status: 404 })
    return { result: submission.reply(), saved: true, regrade: null }
  } catch (e) {
    if (e instanceof FieldError) {
      const reply = e.field
        ? submission.reply({ fieldErrors: { [e.field]: [e.message] } })
        : submission.reply({ formErrors: [e.message] })
      return data({ result: reply, saved: false, regrade: null }, { status: 400 })
    }
    throw e
  }
}

/** The shared stylesheet styles text and number inputs only; date-time inputs look the same. */
const dateTimeStyle = {
  font: 'inherit',
  padding: '0.5rem 0.6rem',
  border: '1px solid #8a96a6',
  borderRadius: '4px',
  background: '#fff',
  color: 'var(--ink)',
} as const

const reviewLabels = [
  ['score', 'Nilai dan status lulus'],
  ['correct', 'Jawaban yang benar (kunci jawaban)'],
  ['feedback', 'Umpan balik per soal'],
] as const

function FieldErrorText({ field }: { field: FieldMetadata<unknown> }) {
  return field.errors ? (
    <p className="field-error" id={field.errorId} role="alert">
      {field.errors.join(' ')}
    </p>
  ) : null
}

/** A labelled field with its hint (the input's description) and its error. */
function Field({
  field,
  label,
  hint,
  children,
}: {
  field: FieldMetadata<unknown>
  label: string
  hint: string
  children: ReactNode
}) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <p className="hint" id={field.descriptionId} style={{ margin: 0 }}>
        {hint}
      </p>
      {children}
      <FieldErrorText field={field} />
    </div>
  )
}

/** A whole-number input between `min` and `max`, described by its hint. */
function numberInputProps(field: FieldMetadata<unknown>, min: number, max: number) {
  return {
    ...getInputProps(field as FieldMetadata<string>, {
      type: 'number',
      ariaDescribedBy: field.descriptionId,
    }),
    min,
    max,
    step: 1,
    inputMode: 'numeric' as const,
  }
}

export default function QuizSettingsPage() {
  const { quiz, defaults, regrades } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const saved = actionData?.saved === true
  const failed = actionData?.result?.status === 'error'
  return (
    <>
      <p>
        <Link to="/authoring">← Kelola Kursus</Link>
      </p>
      <h1>Pengaturan kuis: {quiz.lessonTitle}</h1>
      <dl className="facts card">
        <dt>Kursus</dt>
        <dd>{quiz.courseTitle}</dd>
        <dt>Pelajaran</dt>
        <dd>{quiz.lessonTitle}</dd>
        <dt>Jumlah soal per percobaan</dt>
        <dd>{quiz.questionCount}</dd>
      </dl>
      <p className="muted">
        Batas waktu, waktu tutup, jumlah soal, dan urutan acak ditetapkan saat peserta memulai
        percobaan: percobaan yang sudah berjalan tetap memakai batas waktu dan soal yang didapatnya.
        Nilai lulus dan metode penilaian disimpan bersama setiap percobaan saat dimulai; percobaan
        lama hanya berubah melalui penilaian ulang yang tercatat (tombol di bawah). Pilihan tinjauan
        berlaku untuk semua percobaan.
        {quiz.attemptsInProgress > 0
          ? ` Saat ini ${quiz.attemptsInProgress} percobaan sedang berjalan.`
          : null}
      </p>

      {saved ? <Flash ok message="Pengaturan kuis disimpan." testId="settings-saved" /> : null}
      {failed ? (
        <Flash
          ok={false}
          message="Pengaturan belum disimpan. Periksa kembali isian yang ditandai."
          testId="settings-error"
        />
      ) : null}

      {/* After a save the fields keep what was submitted, which is what is now stored. */}
      <SettingsForm quiz={quiz} defaults={defaults} lastResult={actionData?.result} />

      <section className="card" aria-labelledby="regrade-heading">
        <h2 id="regrade-heading">Penilaian ulang</h2>
        {actionData?.regrade ? (
          <Flash
            ok={actionData.regrade.ok}
            message={actionData.regrade.message}
            testId="regrade-message"
          />
        ) : null}
        <Form method="post">
          <button type="submit" name="intent" value="regrade" className="button-secondary">
            Nilai ulang percobaan lama dengan pengaturan tersimpan
          </button>
        </Form>
        {regrades.length ? (
          <ul data-testid="regrades">
            {regrades.map((r) => (
              <li key={r.id}>
                {new Date(r.requestedAt).toLocaleString('id-ID', { timeZone: 'Asia/Jakarta' })} WIB
                — {r.requestedBy.name}: nilai lulus {r.passMark}%, metode {r.gradingMethod};{' '}
                {r.finishedAt
                  ? `selesai, ${Array.isArray(r.changes) ? r.changes.length : 0} percobaan berubah`
                  : 'menunggu'}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </>
  )
}

function SettingsForm({
  quiz,
  defaults,
  lastResult,
}: {
  quiz: ReturnType<typeof useLoaderData<typeof loader>>['quiz']
  defaults: ReturnType<typeof useLoaderData<typeof loader>>['defaults']
  lastResult?: SubmissionResult<string[]>
}) {
  const navigation = useNavigation()
  const { t } = useTranslation()
  const busy = navigation.state === 'submitting'
  const [form, fields] = useForm({
    id: 'quiz-settings',
    lastResult,
    defaultValue: defaults,
    shouldValidate: 'onSubmit',
  })
  const afterSubmit = fields.reviewAfterSubmit.getFieldset()
  const afterClose = fields.reviewAfterClose.getFieldset()
  const categorySlots = quiz.slots.filter((s) => s.kind === 'CATEGORY')

  return (
    <Form method="post" className="stack" style={{ maxWidth: '48rem' }} {...getFormProps(form)}>
      {form.errors?.length ? (
        <p className="alert alert-error" role="alert" id={form.errorId}>
          {form.errors.join(' ')}
        </p>
      ) : null}

      <fieldset className="card" style={{ display: 'grid', gap: '0.9rem' }}>
        <legend>Penilaian</legend>
        <Field
          field={fields.passMark}
          label="Nilai lulus (%)"
          hint="Persentase skor minimum untuk lulus, bilangan bulat 0–100."
        >
          <input {...numberInputProps(fields.passMark, 0, 100)} />
        </Field>
        <Field
          field={fields.attemptsAllowed}
          label="Jumlah percobaan"
          hint="Berapa kali peserta boleh mengerjakan, 0–20; isi 0 untuk tanpa batas."
        >
          <input {...numberInputProps(fields.attemptsAllowed, 0, 20)} />
        </Field>
        <Field
          field={fields.gradingMethod}
          label="Metode penilaian"
          hint="Nilai yang dihitung bila peserta mencoba lebih dari sekali: Tertinggi / Terakhir / Pertama / Rata-rata."
        >
          <select
            {...getSelectProps(fields.gradingMethod, {
              ariaDescribedBy: fields.gradingMethod.descriptionId,
            })}
          >
            {GRADING_METHODS.map((value) => (
              <option key={value} value={value}>
                {t(`domain.gradingMethod.option.${value}`)}
              </option>
            ))}
          </select>
        </Field>
      </fieldset>

      <fieldset className="card" style={{ display: 'grid', gap: '0.9rem' }}>
        <legend>Waktu (WIB)</legend>
        <Field
          field={fields.timeLimitMinutes}
          label="Batas waktu pengerjaan (menit)"
          hint="Dihitung sejak peserta mulai, 1–600 menit; kosongkan untuk tanpa batas waktu."
        >
          <input {...numberInputProps(fields.timeLimitMinutes, 1, 600)} />
        </Field>
        <Field
          field={fields.openAt}
          label="Waktu buka"
          hint="Tanggal dan jam WIB (UTC+7) kuis mulai bisa dikerjakan; kosongkan jika langsung terbuka."
        >
          <input
            {...getInputProps(fields.openAt, {
              type: 'datetime-local',
              ariaDescribedBy: fields.openAt.descriptionId,
            })}
            style={dateTimeStyle}
          />
        </Field>
        <Field
          field={fields.closeAt}
          label="Waktu tutup"
          hint="Tanggal dan jam WIB (UTC+7) kuis ditutup; percobaan yang berjalan berakhir paling lambat saat itu. Kosongkan jika tidak pernah ditutup."
        >
          <input
            {...getInputProps(fields.closeAt, {
              type: 'datetime-local',
              ariaDescribedBy: fields.closeAt.descriptionId,
            })}
            style={dateTimeStyle}
          />
        </Field>
      </fieldset>

      <fieldset className="card" style={{ display: 'grid', gap: '0.5rem' }}>
        <legend>Urutan acak</legend>
        <label style={{ fontWeight: 400 }}>
          <input {...getInputProps(fields.shuffleQuestions, { type: 'checkbox' })} /> Acak urutan
          soal untuk setiap percobaan
        </label>
        <label style={{ fontWeight: 400 }}>
          <input {...getInputProps(fields.shuffleOptions, { type: 'checkbox' })} /> Acak urutan
          pilihan jawaban
        </label>
      </fieldset>

      <fieldset className="card" style={{ display: 'grid', gap: '0.5rem' }}>
        <legend>Yang dilihat peserta setelah mengumpulkan</legend>
        {reviewLabels.map(([key, label]) => (
          <label key={key} style={{ fontWeight: 400 }}>
            <input {...getInputProps(afterSubmit[key], { type: 'checkbox' })} /> {label}
          </label>
        ))}
      </fieldset>

      <fieldset className="card" style={{ display: 'grid', gap: '0.5rem' }}>
        <legend>Yang dilihat peserta setelah kuis ditutup</legend>
        {reviewLabels.map(([key, label]) => (
          <label key={key} style={{ fontWeight: 400 }}>
            <input {...getInputProps(afterClose[key], { type: 'checkbox' })} /> {label}
          </label>
        ))}
      </fieldset>

      <section aria-labelledby="slots-heading">
        <h2 id="slots-heading">Susunan soal</h2>
        <p className="muted">
          {categorySlots.length
            ? 'Untuk bagian yang mengambil soal acak dari kategori, tentukan berapa soal yang diambil untuk setiap percobaan (paling banyak sebanyak soal di kategori itu).'
            : 'Kuis ini hanya berisi soal tetap.'}
        </p>
        {quiz.slots.length === 0 ? (
          <p className="card">Kuis ini belum memiliki soal.</p>
        ) : (
          <div style={{ overflowX: 'auto' }}>
            <table>
              <caption className="sr-only">
                Bagian kuis: soal tetap atau soal acak dari kategori, dengan jumlah soal yang
                diambil
              </caption>
              <thead>
                <tr>
                  <th scope="col">No.</th>
                  <th scope="col">Isi</th>
                  <th scope="col">Jumlah soal diambil</th>
                </tr>
              </thead>
              <tbody>
                {quiz.slots.map((s) => {
                  const f = fields[s.field]!
                  return (
                    <tr key={s.id} data-testid={`slot-${s.position}`}>
                      <td>{s.position + 1}</td>
                      {s.kind === 'QUESTION' ? (
                        <>
                          <td>
                            Soal tetap: <span className="muted">{s.questionText}</span>
                          </td>
                          <td>1</td>
                        </>
                      ) : (
                        <>
                          <td>
                            Soal acak dari kategori “{s.categoryName}”
                            <br />
                            <span className="muted" id={f.descriptionId}>
                              Kategori ini memiliki {s.categoryQuestions} soal.
                            </span>
                          </td>
                          <td>
                            <label htmlFor={f.id} className="sr-only">
                              Jumlah soal diambil dari kategori {s.categoryName}
                            </label>
                            <input
                              {...numberInputProps(f, 1, Math.max(1, s.categoryQuestions))}
                              style={{ width: '6rem' }}
                            />
                            <FieldErrorText field={f} />
                          </td>
                        </>
                      )}
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <div>
        <button type="submit" disabled={busy}>
          {busy ? 'Menyimpan…' : 'Simpan pengaturan'}
        </button>
      </div>
    </Form>
  )
}
