// The lesson editor: Tiptap (the same extension set the server validates and renders with,
// app/utils/rich-text.ts) once JavaScript runs, autosaving the draft; before that, and without
// JavaScript, a textarea with the lesson as pack Markdown and a save button (decision 056).
import { useFetcher } from '@remix-run/react'
import { EditorContent, useEditor, type Editor } from '@tiptap/react'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { lessonExtensions, type TiptapDoc } from '~/utils/rich-text'
import { useStudioMessage } from './studio-fields'

type SaveResult =
  { ok: true; savedAt: string } | { ok: false; message: string; params?: Record<string, string> }

export function LessonEditor({
  courseId,
  doc,
  markdown,
  videos,
}: {
  courseId: string
  doc: TiptapDoc
  markdown: string | null
  videos: { id: string; title: string }[]
}) {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  const { t } = useTranslation()
  if (!hydrated)
    return markdown !== null ? (
      <div className="field">
        <label htmlFor="lesson-markdown">{t('studio.editor.markdownLabel')}</label>
        <p className="hint" id="lesson-markdown-hint">
          {t('studio.editor.markdownHint')}
        </p>
        <textarea
          id="lesson-markdown"
          name="markdown"
          className="editor-textarea"
          data-content
          defaultValue={markdown}
          aria-describedby="lesson-markdown-hint"
        />
      </div>
    ) : (
      <p className="alert alert-info">{t('studio.editor.needsJs')}</p>
    )
  return <RichEditor courseId={courseId} doc={doc} videos={videos} />
}

function RichEditor({
  courseId,
  doc,
  videos,
}: {
  courseId: string
  doc: TiptapDoc
  videos: { id: string; title: string }[]
}) {
  const { t } = useTranslation()
  const say = useStudioMessage()
  const fetcher = useFetcher<SaveResult>()
  const [json, setJson] = useState(() => JSON.stringify(doc))
  const [dirty, setDirty] = useState(false)
  const timer = useRef<ReturnType<typeof setTimeout>>()
  const editor = useEditor({
    extensions: lessonExtensions(),
    content: doc,
    immediatelyRender: false,
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': t('studio.editor.label'),
        'data-testid': 'lesson-editor',
      },
    },
    onUpdate: ({ editor }) => {
      const next = JSON.stringify(editor.getJSON())
      setJson(next)
      setDirty(true)
      clearTimeout(timer.current)
      // Autosave the draft a moment after typing stops.
      timer.current = setTimeout(() => {
        fetcher.submit({ intent: 'content', doc: next }, { method: 'post' })
        setDirty(false)
      }, 1200)
    },
  })
  useEffect(() => () => clearTimeout(timer.current), [])

  let status = dirty ? t('studio.editor.unsaved') : ''
  if (fetcher.state !== 'idle') status = t('studio.editor.saving')
  else if (fetcher.data && !dirty)
    status = fetcher.data.ok
      ? t('studio.editor.saved', {
          time: new Date(fetcher.data.savedAt).toLocaleTimeString('id-ID', {
            hour: '2-digit',
            minute: '2-digit',
            second: '2-digit',
          }),
        })
      : t('studio.editor.saveFailed', {
          reason: say(fetcher.data.message, fetcher.data.params),
        })

  return (
    <div>
      <input type="hidden" name="doc" value={json} />
      {editor ? <Toolbar editor={editor} courseId={courseId} videos={videos} /> : null}
      <div className="editor-box" data-content>
        <EditorContent editor={editor} />
      </div>
      <p role="status" aria-live="polite" className="muted" data-testid="autosave-status">
        {status}
      </p>
    </div>
  )
}

function Toolbar({
  editor,
  courseId,
  videos,
}: {
  editor: Editor
  courseId: string
  videos: { id: string; title: string }[]
}) {
  const { t } = useTranslation()
  const say = useStudioMessage()
  const [, force] = useState(0)
  useEffect(() => {
    const rerender = () => force((n) => n + 1)
    editor.on('transaction', rerender)
    return () => {
      editor.off('transaction', rerender)
    }
  }, [editor])
  const [href, setHref] = useState('')
  const [alt, setAlt] = useState('')
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const [videoId, setVideoId] = useState(videos[0]?.id ?? '')
  const fileRef = useRef<HTMLInputElement>(null)

  const button = (label: string, active: boolean, run: () => void, testId?: string) => (
    <button
      type="button"
      className="button-small button-secondary"
      aria-pressed={active}
      // A pointer press keeps the focus (and the selection) in the text; after the command the
      // focus is back there at once, not an animation frame later as `chain().focus()` does,
      // so keys typed right after a click reach the text, not the button (where a space would
      // press it again).
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => {
        run()
        editor.view.focus()
      }}
      data-testid={testId}
    >
      {label}
    </button>
  )
  const chain = () => editor.chain().focus()

  function setLink() {
    const ok = href.trim()
      ? chain().extendMarkRange('link').setLink({ href: href.trim() }).run()
      : chain().extendMarkRange('link').unsetLink().run()
    setMessage(ok ? null : { ok: false, text: t('studio.editor.linkRefused') })
    if (ok) {
      // Back in the text right after the link so typing goes on: the caret leaves the linked
      // words (typing would replace them), and outside the link (its mark is inclusive, so what
      // is typed next would join it otherwise).
      editor.chain().setTextSelection(editor.state.selection.to).unsetMark('link').run()
    }
    // Synchronously: `focus()` in a chain waits for an animation frame, and keys typed before it
    // went to the toolbar's button.
    editor.view.focus()
  }

  async function uploadImage() {
    const file = fileRef.current?.files?.[0]
    if (!file) return
    setMessage({ ok: true, text: t('studio.editor.imageUploading') })
    const body = new FormData()
    body.append('file', file)
    try {
      const res = await fetch(`/studio/courses/${courseId}/images`, {
        method: 'POST',
        body,
        headers: { Accept: 'application/json' },
      })
      const out = (await res.json()) as
        { src: string } | { code: string; params?: Record<string, string> } | { error: string }
      if ('src' in out) {
        chain()
          .setImage({ src: out.src, alt: alt.trim() || file.name.replace(/\.[^.]+$/, '') })
          .run()
        setMessage({ ok: true, text: t('studio.editor.imageAdded') })
        if (fileRef.current) fileRef.current.value = ''
      } else if ('code' in out) {
        setMessage({
          ok: false,
          text: say(out.code, out.params),
        })
      } else setMessage({ ok: false, text: out.error })
    } catch (e) {
      setMessage({ ok: false, text: t('studio.editor.uploadFailed', { reason: String(e) }) })
    }
  }

  return (
    <div role="toolbar" aria-label={t('studio.editor.toolbar')} className="editor-toolbar">
      {button(
        t('studio.editor.h2'),
        editor.isActive('heading', { level: 2 }),
        () => chain().toggleHeading({ level: 2 }).run(),
        'tb-h2',
      )}
      {button(t('studio.editor.h3'), editor.isActive('heading', { level: 3 }), () =>
        chain().toggleHeading({ level: 3 }).run(),
      )}
      {button(
        t('studio.editor.bold'),
        editor.isActive('bold'),
        () => chain().toggleBold().run(),
        'tb-bold',
      )}
      {button(
        t('studio.editor.italic'),
        editor.isActive('italic'),
        () => chain().toggleItalic().run(),
        'tb-italic',
      )}
      {button(
        t('studio.editor.bullets'),
        editor.isActive('bulletList'),
        () => chain().toggleBulletList().run(),
        'tb-bullets',
      )}
      {button(t('studio.editor.numbers'), editor.isActive('orderedList'), () =>
        chain().toggleOrderedList().run(),
      )}
      {button(t('studio.editor.quote'), editor.isActive('blockquote'), () =>
        chain().toggleBlockquote().run(),
      )}
      {button(t('studio.editor.code'), editor.isActive('codeBlock'), () =>
        chain().toggleCodeBlock().run(),
      )}
      {button(
        t('studio.editor.table'),
        editor.isActive('table'),
        () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
        'tb-table',
      )}
      <div className="editor-side">
        <div className="field">
          <label htmlFor="editor-href">{t('studio.editor.linkLabel')}</label>
          <input
            id="editor-href"
            type="url"
            inputMode="url"
            placeholder="https://"
            value={href}
            onChange={(e) => setHref(e.target.value)}
          />
        </div>
        <button type="button" className="button-small" onClick={setLink} data-testid="tb-link">
          {t('studio.editor.link')}
        </button>
      </div>
      <div className="editor-side">
        <div className="field">
          <label htmlFor="editor-image">{t('studio.editor.imageLabel')}</label>
          <input
            id="editor-image"
            ref={fileRef}
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
          />
        </div>
        <div className="field">
          <label htmlFor="editor-alt">{t('studio.editor.altLabel')}</label>
          <input id="editor-alt" value={alt} onChange={(e) => setAlt(e.target.value)} />
        </div>
        <button type="button" className="button-small" onClick={uploadImage} data-testid="tb-image">
          {t('studio.editor.imageAdd')}
        </button>
      </div>
      {videos.length ? (
        <div className="editor-side">
          <div className="field">
            <label htmlFor="editor-video">{t('studio.editor.videoLabel')}</label>
            <select id="editor-video" value={videoId} onChange={(e) => setVideoId(e.target.value)}>
              {videos.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.title}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="button-small"
            onClick={() => {
              const v = videos.find((x) => x.id === videoId)
              if (v)
                chain()
                  .insertContent({ type: 'courseVideo', attrs: { videoId: v.id, title: v.title } })
                  .run()
              editor.view.focus()
            }}
          >
            {t('studio.editor.videoAdd')}
          </button>
        </div>
      ) : null}
      {message ? (
        <p
          role={message.ok ? 'status' : 'alert'}
          className={message.ok ? 'muted' : 'field-error'}
          data-testid="editor-message"
          style={{ width: '100%', margin: 0 }}
        >
          {message.text}
        </p>
      ) : null}
    </div>
  )
}
