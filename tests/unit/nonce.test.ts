// CSP nonces (server/headers.ts): 16 random bytes each, never the same twice, also across the
// refill of the buffer they are cut from (every 256 nonces).
import { describe, expect, it } from 'vitest'
import { freshNonce } from '../../server/headers'

describe('freshNonce', () => {
  it('gives 16-byte base64 values, all different, across several refills', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 1_000; i++) {
      const n = freshNonce()
      expect(Buffer.from(n, 'base64')).toHaveLength(16)
      expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/)
      seen.add(n)
    }
    expect(seen.size).toBe(1_000)
  })
})
