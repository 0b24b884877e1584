import { describe, expect, it } from 'vitest'
import { nameWithGelar, wibDateLong } from '../../app/domain/certificate'

describe('nameWithGelar', () => {
  it('puts the front title before and the back titles after a comma', () => {
    expect(nameWithGelar('Budi Santoso', 'Dr.', 'S.Kom., M.T.')).toBe(
      'Dr. Budi Santoso, S.Kom., M.T.',
    )
    expect(nameWithGelar('Budi Santoso', null, 'S.E.')).toBe('Budi Santoso, S.E.')
    expect(nameWithGelar('Budi Santoso', 'Ir.', '')).toBe('Ir. Budi Santoso')
    expect(nameWithGelar(' Siti ', '  ', undefined)).toBe('Siti')
    // A back title typed with its own leading comma is not doubled.
    expect(nameWithGelar('Siti', null, ', S.H.')).toBe('Siti, S.H.')
  })
})

describe('wibDateLong', () => {
  it('reads the date in WIB: 16:59 UTC is still the same day, 17:00 UTC is the next', () => {
    expect(wibDateLong(new Date('2026-11-30T16:59:59Z'))).toBe('30 November 2026')
    expect(wibDateLong(new Date('2026-11-30T17:00:00Z'))).toBe('1 Desember 2026')
    expect(wibDateLong(new Date('2026-12-31T17:00:00Z'))).toBe('1 Januari 2027')
  })
})
