import { describe, expect, it } from 'vitest'
import { indonesianNumberValue, parseIndonesianNumber as parse } from '~/domain/numbers'
import { numericValue, scoreAnswer } from '~/domain/scoring'

const value = (s: string, expected?: number) => parse(s, { expected })

describe('Indonesian number forms', () => {
  it.each([
    ['6.600.000', 6_600_000],
    ['5.250.000,50', 5_250_000.5],
    ['Rp 21.000.000', 21_000_000],
    ['Rp6.600.000', 6_600_000],
    ['Rp. 6.600.000', 6_600_000],
    ['rp 1.000', 1000],
    ['IDR 2.500.000', 2_500_000],
    ['Rp 1.250,75', 1250.75],
    ['1,5', 1.5],
    [',5', 0.5],
    ['0,25', 0.25],
    ['87,5', 87.5],
    ['1.5', 1.5],
    ['0.600', 0.6],
    ['42', 42],
    ['  42  ', 42],
    ['6 600 000', 6_600_000],
    ['Rp 6 600 000', 6_600_000],
    ['6\u00a0600\u00a0000', 6_600_000],
    ['-1,5', -1.5],
    ['−2.000.000', -2_000_000],
    ['Rp -500.000', -500_000],
    ['1.000.000,000', 1_000_000],
    ['0', 0],
  ])('%s reads as %d', (text, expected) => {
    expect(parse(text)).toEqual({ kind: 'number', value: expected })
    expect(indonesianNumberValue(text)).toBe(expected)
  })

  it('empty input is empty, not zero', () => {
    expect(parse('')).toEqual({ kind: 'empty' })
    expect(parse('   ')).toEqual({ kind: 'empty' })
    expect(parse('Rp')).toEqual({ kind: 'empty' })
    expect(indonesianNumberValue('')).toBeNull()
  })

  it('"6.600" without a known magnitude is ambiguous, with a hint', () => {
    expect(parse('6.600')).toEqual({
      kind: 'ambiguous',
      hint: 'DOT_THOUSANDS_OR_DECIMAL',
      candidates: [6600, 6.6],
    })
    // With "Rp" the dot groups thousands: Rupiah are not written with a decimal dot.
    expect(parse('Rp 6.600')).toEqual({ kind: 'number', value: 6600 })
    expect(parse('-6.600')).toEqual({
      kind: 'ambiguous',
      hint: 'DOT_THOUSANDS_OR_DECIMAL',
      candidates: [-6600, -6.6],
    })
    expect(indonesianNumberValue('6.600')).toBeNull()
  })

  it('"1,500" without a known magnitude is ambiguous (decimal comma or English thousands)', () => {
    expect(parse('1,500')).toEqual({
      kind: 'ambiguous',
      hint: 'COMMA_DECIMAL_OR_THOUSANDS',
      candidates: [1.5, 1500],
    })
    // A leading zero reads one way only.
    expect(parse('0,500')).toEqual({ kind: 'number', value: 0.5 })
  })

  it('the expected magnitude settles an ambiguity, and only when it clearly points one way', () => {
    expect(value('6.600', 6600)).toEqual({ kind: 'number', value: 6600 })
    expect(value('6.600', 7000)).toEqual({ kind: 'number', value: 6600 })
    expect(value('6.600', 6.6)).toEqual({ kind: 'number', value: 6.6 })
    expect(value('1,500', 1.5)).toEqual({ kind: 'number', value: 1.5 })
    expect(value('1,500', 1500)).toEqual({ kind: 'number', value: 1500 })
    expect(value('-6.600', -6600)).toEqual({ kind: 'number', value: -6600 })
    // Halfway (in orders of magnitude) between the readings: still ambiguous.
    expect(value('6.600', 200)).toMatchObject({ kind: 'ambiguous' })
    expect(value('6.600', 0)).toMatchObject({ kind: 'ambiguous' })
    expect(value('6.600', Number.NaN)).toMatchObject({ kind: 'ambiguous' })
    // Unambiguous text is never bent towards the expected value.
    expect(value('6.600.000', 6.6)).toEqual({ kind: 'number', value: 6_600_000 })
  })

  it('English separators and garbage are invalid, never a wrong number or zero', () => {
    expect(parse('5,250,000.50')).toEqual({ kind: 'invalid', hint: 'ENGLISH_SEPARATORS' })
    expect(parse('6,600,000')).toEqual({ kind: 'invalid', hint: 'ENGLISH_SEPARATORS' })
    for (const bad of [
      'enam juta',
      '1.2.3',
      '12,5,0',
      '6.60.000',
      '5.250.00,50',
      '5,250.50',
      '1.000,',
      '1.',
      '.',
      ',',
      '-',
      'Rp -',
      '--5',
      '1e5',
      '0x10',
      '12abc',
      '6,600,00',
    ])
      expect(parse(bad), bad).toEqual({ kind: 'invalid', hint: 'NOT_A_NUMBER' })
  })
})

describe('numeric scoring reads the text the Indonesian way', () => {
  const q = (numericAnswer: number, tolerance: number | null = null) => ({
    type: 'NUMERIC' as const,
    points: 2,
    acceptedAnswers: [],
    numericAnswer,
    tolerance,
    options: [],
  })
  it('"6.600.000" is right for a Rupiah answer of 6,600,000 (it used to read as 6.6)', () => {
    expect(scoreAnswer(q(6_600_000), { text: '6.600.000', value: 6.6 })).toBe(2)
    expect(scoreAnswer(q(6_600_000), { text: 'Rp6.600.000' })).toBe(2)
    expect(scoreAnswer(q(6_600_000), { text: 'Rp 6.600.001' })).toBe(0)
    expect(scoreAnswer(q(5_250_000.5), { text: '5.250.000,50' })).toBe(2)
    expect(scoreAnswer(q(1.5), { text: '1,5' })).toBe(2)
  })
  it('an ambiguous "6.600" is settled by the key, not scored 0', () => {
    expect(scoreAnswer(q(6600), { text: '6.600' })).toBe(2)
    expect(scoreAnswer(q(6.6, 0.01), { text: '6.600' })).toBe(2)
    expect(numericValue({ text: '6.600' }, null)).toBeNull()
  })
  it('without text, the stored value is used', () => {
    expect(scoreAnswer(q(10), { value: 10 })).toBe(2)
    expect(numericValue({ value: Number.POSITIVE_INFINITY }, 1)).toBeNull()
    expect(numericValue({ text: '  ', value: 3 }, 1)).toBe(3)
    expect(numericValue({ text: 'abc', value: 3 }, 1)).toBeNull()
  })
})

describe('number edge forms', () => {
  it('a leading decimal mark, and groups that break the thousands pattern', () => {
    expect(parse('.5')).toEqual({ kind: 'number', value: 0.5 })
    expect(parse('1234.567.890')).toEqual({ kind: 'invalid', hint: 'NOT_A_NUMBER' })
    expect(parse('1.23,5')).toEqual({ kind: 'invalid', hint: 'NOT_A_NUMBER' })
    expect(parse('6,600,000.')).toEqual({ kind: 'invalid', hint: 'NOT_A_NUMBER' })
    expect(parse('12.345.678,9')).toEqual({ kind: 'number', value: 12_345_678.9 })
  })
  it('"Rp" only counts as a prefix', () => {
    expect(parse('5 rp')).toEqual({ kind: 'invalid', hint: 'NOT_A_NUMBER' })
    expect(parse('Rp 1,5')).toEqual({ kind: 'number', value: 1.5 })
  })
})

describe('forms the mutation run found untested', () => {
  it('a minus before "Rp" makes a negative amount of Rupiah', () => {
    expect(parse('-Rp 6.600')).toEqual({ kind: 'number', value: -6600 })
    expect(parse('− Rp6.600.000')).toEqual({ kind: 'number', value: -6600000 })
  })

  it('a group after a separator is exactly three digits', () => {
    expect(parse('6.6000')).toEqual({ kind: 'number', value: 6.6 })
    expect(parse('6,6000')).toEqual({ kind: 'number', value: 6.6 })
  })

  it('a separator with no digits after it is not a number', () => {
    expect(parse('6.')).toEqual({ kind: 'invalid', hint: 'NOT_A_NUMBER' })
    expect(parse('1,000,000.')).toEqual({ kind: 'invalid', hint: 'NOT_A_NUMBER' })
    expect(parse('1,000,000.50')).toEqual({ kind: 'invalid', hint: 'ENGLISH_SEPARATORS' })
  })

  it('only a whole part of zeros reads one way; a zero at either end does not', () => {
    expect(parse('00.600')).toEqual({ kind: 'number', value: 0.6 })
    expect(parse('00,500')).toEqual({ kind: 'number', value: 0.5 })
    expect(parse('10.600').kind).toBe('ambiguous')
    expect(parse('01.600').kind).toBe('ambiguous')
    expect(parse('10,500').kind).toBe('ambiguous')
    expect(parse('01,500').kind).toBe('ambiguous')
  })

  it('the expected value settles only readings less than a factor of 10 away', () => {
    // 1000 is exactly 10x the expected 100: not near, so "1.000" stays ambiguous.
    expect(parse('1.000', { expected: 100 }).kind).toBe('ambiguous')
    expect(parse('1.000', { expected: 101 })).toEqual({ kind: 'number', value: 1000 })
  })
})

describe('forms the second mutation run found untested', () => {
  it('decimals after the comma are digits only, thousands groups before it', () => {
    expect(parse('5.000,250.50')).toEqual({ kind: 'invalid', hint: 'NOT_A_NUMBER' })
    expect(parse('5.000,25')).toEqual({ kind: 'number', value: 5000.25 })
    // English thousands are named as such only with at most one dot after them.
    expect(parse('1,000,000.5.5')).toEqual({ kind: 'invalid', hint: 'NOT_A_NUMBER' })
  })

  it('a missing value (a blank form field read at run time) is empty, not a crash', () => {
    expect(parse(undefined as unknown as string)).toEqual({ kind: 'empty' })
    expect(parse(6600 as unknown as string)).toEqual({ kind: 'empty' })
  })

  it('an expected value of 0, NaN or infinity settles nothing; its sign does not matter', () => {
    for (const expected of [0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
      expect(parse('6.600', { expected }).kind, String(expected)).toBe('ambiguous')
    expect(parse('6.600', { expected: 6000 })).toEqual({ kind: 'number', value: 6600 })
    expect(parse('6.600', { expected: -6 })).toEqual({ kind: 'number', value: 6.6 })
    expect(parse('1,000', { expected: 0.9 })).toEqual({ kind: 'number', value: 1 })
  })
})
