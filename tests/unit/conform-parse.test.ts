import { parseWithZod as conformParseWithZod } from '@conform-to/zod'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { parseWithZod } from '~/utils/conform'

// app/utils/conform.ts keeps Conform's coerced copy of each schema instead of rebuilding it per
// call (decision 121): the results must be Conform's own, call after call.
const schema = z.object({
  q: z.string().max(5, 'too long').optional(),
  maxJp: z.number().int().min(1).optional(),
  agree: z.boolean().optional(),
  tags: z.array(z.string()).optional(),
})

const form = (entries: [string, string][]) => {
  const f = new FormData()
  for (const [k, v] of entries) f.append(k, v)
  return f
}

describe('parseWithZod with the coercion built once', () => {
  const cases: [string, [string, string][]][] = [
    [
      'numbers, checkboxes and lists coerced',
      [
        ['q', 'abc'],
        ['maxJp', '12'],
        ['agree', 'on'],
        ['tags', 'a'],
        ['tags', 'b'],
      ],
    ],
    [
      'empty strings become absent',
      [
        ['q', ''],
        ['maxJp', ''],
      ],
    ],
    ['a number that is not one is an error', [['maxJp', 'dua']]],
    [
      'a rule of the schema still applies',
      [
        ['q', 'abcdefgh'],
        ['maxJp', '0'],
      ],
    ],
    ['nothing at all', []],
  ]
  for (const [name, entries] of cases)
    it(name, () => {
      // Twice each: the second call uses the kept copy.
      for (let i = 0; i < 2; i++) {
        const ours = parseWithZod(form(entries), { schema })
        const theirs = conformParseWithZod(form(entries), { schema })
        expect(ours.status).toBe(theirs.status)
        expect(ours.reply()).toEqual(theirs.reply())
        if (theirs.status === 'success' && ours.status === 'success')
          expect(ours.value).toEqual(theirs.value)
      }
    })

  it('reads URL search parameters the same way', () => {
    const params = new URLSearchParams('q=abc&maxJp=7')
    const ours = parseWithZod(params, { schema })
    expect(ours.status === 'success' && ours.value).toEqual({ q: 'abc', maxJp: 7 })
  })

  it('keeps a separate copy per schema', () => {
    const other = z.object({ maxJp: z.number().max(3) })
    expect(parseWithZod(form([['maxJp', '12']]), { schema }).status).toBe('success')
    expect(parseWithZod(form([['maxJp', '12']]), { schema: other }).status).toBe('error')
  })

  it('passes a schema chosen by intent, and an already coerced one, to Conform as they are', () => {
    const byIntent = parseWithZod(form([['maxJp', '4']]), {
      schema: () => z.object({ maxJp: z.number() }),
    })
    expect(byIntent.status === 'success' && byIntent.value).toEqual({ maxJp: 4 })
    // Not coerced: with disableAutoCoercion the string "4" is not a number.
    const raw = parseWithZod(form([['maxJp', '4']]), {
      schema: z.object({ maxJp: z.number() }),
      disableAutoCoercion: true,
    })
    expect(raw.status).toBe('error')
  })
})
