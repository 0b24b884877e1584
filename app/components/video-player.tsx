import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

const MuxPlayer = lazy(() => import('@mux/mux-player-react'))

export type PlayerSource =
  | { kind: 'local'; src: string; durationSec: number | null }
  | { kind: 'mux'; playbackId: string; token: string | null; durationSec: number | null }

/**
 * Plays a lesson video and reports the intervals actually watched to `progressUrl`
 * (every few seconds, on pause and at the end). The server decides when 90% is reached.
 */
export function VideoPlayer({
  source,
  title,
  progressUrl,
  startAt,
  onProgress,
}: {
  source: PlayerSource
  title: string
  progressUrl: string
  startAt: number
  onProgress?: (r: { watchedShare: number; completed: boolean }) => void
}) {
  const ranges = useRef<[number, number][]>([])
  const segment = useRef<[number, number] | null>(null)
  const lastSent = useRef(0)
  const [error, setError] = useState<string | null>(null)
  const { t } = useTranslation()

  const flush = useCallback(
    async (position: number) => {
      if (segment.current) ranges.current.push([...segment.current])
      segment.current = segment.current ? [segment.current[1], segment.current[1]] : null
      const batch = ranges.current.filter(([a, b]) => b > a)
      ranges.current = []
      if (batch.length === 0) return
      try {
        const res = await fetch(progressUrl, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ positionSec: position, ranges: batch }),
        })
        if (!res.ok) throw new Error(await res.text())
        const body = (await res.json()) as { watchedShare: number; completed: boolean }
        setError(null)
        onProgress?.(body)
      } catch {
        ranges.current.push(...batch)
        setError(t('ui.lesson.videoSaveFailed'))
      }
    },
    [progressUrl, onProgress, t],
  )

  const onTime = useCallback(
    (el: HTMLMediaElement) => {
      const t = el.currentTime
      const s = segment.current
      if (!s || t < s[1] - 0.25 || t > s[1] + 2) {
        // A seek: close the watched interval and start a new one here.
        if (s && s[1] > s[0]) ranges.current.push([...s])
        segment.current = [t, t]
      } else {
        s[1] = t
      }
      if (Date.now() - lastSent.current > 4000) {
        lastSent.current = Date.now()
        void flush(t)
      }
    },
    [flush],
  )

  const videoRef = useRef<HTMLVideoElement>(null)
  useEffect(() => {
    const el = videoRef.current
    if (el && startAt > 0 && startAt < (el.duration || Infinity)) el.currentTime = startAt
  }, [startAt])

  const handlers = {
    onTimeUpdate: (e: { currentTarget: HTMLMediaElement }) => onTime(e.currentTarget),
    onPause: (e: { currentTarget: HTMLMediaElement }) => void flush(e.currentTarget.currentTime),
    onEnded: (e: { currentTarget: HTMLMediaElement }) => void flush(e.currentTarget.currentTime),
  }

  return (
    <div>
      {source.kind === 'local' ? (
        <video
          ref={videoRef}
          controls
          preload="metadata"
          src={source.src}
          data-testid="lesson-video"
          aria-label={title}
          {...handlers}
        >
          <track kind="captions" />
        </video>
      ) : (
        <Suspense fallback={<p>{t('ui.lesson.videoLoading')}</p>}>
          <MuxPlayer
            playbackId={source.playbackId}
            tokens={source.token ? { playback: source.token } : undefined}
            metadata={{ video_title: title }}
            startTime={startAt}
            onTimeUpdate={(e) => onTime(e.target as HTMLMediaElement)}
            onPause={(e) => void flush((e.target as HTMLMediaElement).currentTime)}
            onEnded={(e) => void flush((e.target as HTMLMediaElement).currentTime)}
          />
        </Suspense>
      )}
      {error ? (
        <p className="field-error" role="status">
          {error}
        </p>
      ) : null}
    </div>
  )
}
