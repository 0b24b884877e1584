// The video progress rule (app/domain/video-progress.ts).
import { describe, expect, it } from 'vitest'
import {
  judgeConfirmation,
  judgeProgress,
  mergeRanges,
  MAX_PLAYBACK_RATE,
  TOLERANCE_SEC,
} from '~/domain/video-progress'

const D = 100
const t0 = 1_800_000_000_000
const at = (s: number) => t0 + s * 1000
const judge = (ranges: [number, number][], elapsedS: number, previous: [number, number][] = []) =>
  judgeProgress({
    previous,
    report: { positionSec: ranges.at(-1)?.[1] ?? 0, ranges },
    durationSec: D,
    startedAtMs: t0,
    nowMs: at(elapsedS),
  })

describe('judgeProgress', () => {
  it.each([
    [[[0, Infinity]]],
    [[[NaN, 10]]],
    [[[-1, 10]]],
    [[[20, 10]]],
    [[[0, D + TOLERANCE_SEC + 1]]],
  ] as [number, number][][][])('refuses %j as invalid', (ranges) => {
    expect(judge(ranges, 1000)).toEqual({ ok: false, code: 'INVALID' })
  })

  it('refuses more coverage than the wall time allows at the maximum rate', () => {
    // 31 ms after opening, a whole video: refused.
    expect(judge([[0, D]], 0.031)).toEqual({ ok: false, code: 'TOO_FAST' })
    const edge = (D * 0.9 - TOLERANCE_SEC) / MAX_PLAYBACK_RATE
    expect(judge([[0, D * 0.9]], edge - 0.01)).toEqual({ ok: false, code: 'TOO_FAST' })
    expect(judge([[0, D * 0.9]], edge)).toMatchObject({ ok: true, complete: true })
  })

  it('completes at exactly 90% watched, not below', () => {
    expect(judge([[0, 89.9]], 1000)).toMatchObject({ ok: true, complete: false })
    expect(judge([[0, 90]], 1000)).toMatchObject({ ok: true, complete: true })
  })

  it('does not count the same part twice and keeps what was stored', () => {
    const r = judge([[0, 50]], 1000, [[0, 50]])
    expect(r).toMatchObject({ ok: true, share: 0.5 })
    // Re-sending stored ranges is never "too fast".
    expect(judge([[0, 50]], 0, [[0, 50]])).toMatchObject({ ok: true })
  })

  it('needs a known duration', () => {
    expect(
      judgeProgress({
        previous: [],
        report: { positionSec: 0, ranges: [] },
        durationSec: null,
        startedAtMs: t0,
        nowMs: t0,
      }),
    ).toEqual({ ok: false, code: 'NO_DURATION' })
  })
})

describe('mergeRanges', () => {
  it('joins overlaps and small gaps and cuts at the duration', () => {
    expect(
      mergeRanges(
        [
          [10, 20],
          [0, 5],
          [5.4, 8],
          [19, 30],
          [95, 150],
        ],
        D,
      ),
    ).toEqual({
      merged: [
        [0, 8],
        [10, 30],
        [95, 100],
      ],
      coveredSec: 33,
    })
  })
})

describe('judgeConfirmation (no JavaScript)', () => {
  it('accepts exactly when the duration has passed since the lesson was opened', () => {
    expect(judgeConfirmation({ durationSec: D, openedAtMs: t0, nowMs: at(D) - 1 })).toEqual({
      ok: false,
      code: 'TOO_EARLY',
      waitSec: 1,
    })
    expect(judgeConfirmation({ durationSec: D, openedAtMs: t0, nowMs: at(D) })).toEqual({
      ok: true,
    })
    expect(judgeConfirmation({ durationSec: D, openedAtMs: null, nowMs: at(D) })).toMatchObject({
      ok: false,
      code: 'NOT_OPENED',
    })
  })
})
