import { describe, expect, it } from 'vitest'
import { drawLayout, seededRng, shuffle, type Rng } from '~/domain/layout'

const options = new Map([
  ['q1', ['o1a', 'o1b', 'o1c']],
  ['q2', ['o2a', 'o2b']],
  ['p1', ['p1a', 'p1b']],
  ['p2', []],
  ['p3', []],
  ['p4', []],
])
const pools = new Map([['cat', ['p1', 'p2', 'p3', 'p4']]])
/** Always picks the first remaining index: shuffle reverses nothing predictable but fixed. */
const zero: Rng = () => 0

describe('shuffle', () => {
  it('is a permutation and leaves its input alone', () => {
    const input = [1, 2, 3, 4, 5]
    const out = shuffle(input, seededRng(7))
    expect(input).toEqual([1, 2, 3, 4, 5])
    expect([...out].sort()).toEqual([1, 2, 3, 4, 5])
  })
  it('follows the generator (Fisher-Yates from the end)', () => {
    // j = 0 every time: [1,2,3] -> swap(2,0) [3,2,1] -> swap(1,0) [2,3,1]
    expect(shuffle([1, 2, 3], zero)).toEqual([2, 3, 1])
    // j = i every time: nothing moves.
    expect(shuffle([1, 2, 3], (n) => n - 1)).toEqual([1, 2, 3])
  })
  it('a seeded generator repeats its draws', () => {
    expect(shuffle([1, 2, 3, 4, 5, 6], seededRng(42))).toEqual(
      shuffle([1, 2, 3, 4, 5, 6], seededRng(42)),
    )
    const r = seededRng(1)
    for (let i = 0; i < 100; i++) {
      const x = r(6)
      expect(Number.isInteger(x) && x >= 0 && x < 6).toBe(true)
    }
  })
})

describe('drawLayout', () => {
  it('keeps authored order without shuffling and draws a category slot', () => {
    const layout = drawLayout({
      slots: [{ questionId: 'q1' }, { categoryId: 'cat', drawCount: 2 }, { questionId: 'q2' }],
      pools,
      options,
      shuffleQuestions: false,
      shuffleOptions: false,
      rng: (n) => n - 1,
    })
    expect(layout).toEqual([
      { questionId: 'q1', optionIds: ['o1a', 'o1b', 'o1c'] },
      { questionId: 'p1', optionIds: ['p1a', 'p1b'] },
      { questionId: 'p2', optionIds: [] },
      { questionId: 'q2', optionIds: ['o2a', 'o2b'] },
    ])
  })

  it('never draws a question twice and stops when the pool runs out', () => {
    const layout = drawLayout({
      slots: [
        { questionId: 'p3' },
        { categoryId: 'cat', drawCount: 10 },
        { questionId: 'p3' },
        { categoryId: 'missing', drawCount: 3 },
        { categoryId: 'cat', drawCount: -1 },
      ],
      pools,
      options,
      shuffleQuestions: false,
      shuffleOptions: false,
      rng: seededRng(3),
    })
    const ids = layout.map((l) => l.questionId)
    expect(ids[0]).toBe('p3')
    expect(ids).toHaveLength(4)
    expect(new Set(ids).size).toBe(4)
    expect([...ids].sort()).toEqual(['p1', 'p2', 'p3', 'p4'])
  })

  it('shuffles questions and options with the injected generator', () => {
    const layout = drawLayout({
      slots: [{ questionId: 'q1' }, { questionId: 'q2' }],
      pools,
      options,
      shuffleQuestions: true,
      shuffleOptions: true,
      rng: zero,
    })
    expect(layout).toEqual([
      { questionId: 'q2', optionIds: ['o2b', 'o2a'] },
      { questionId: 'q1', optionIds: ['o1b', 'o1c', 'o1a'] },
    ])
  })

  it('the same seed gives the same layout; a question without options has none', () => {
    const input = {
      slots: [{ categoryId: 'cat', drawCount: 3 }, { questionId: 'q1' }, { questionId: 'zz' }],
      pools,
      options,
      shuffleQuestions: true,
      shuffleOptions: true,
    }
    const a = drawLayout({ ...input, rng: seededRng(9) })
    expect(drawLayout({ ...input, rng: seededRng(9) })).toEqual(a)
    expect(a.find((l) => l.questionId === 'zz')).toEqual({ questionId: 'zz', optionIds: [] })
  })
})
