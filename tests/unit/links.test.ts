// The content link rule (app/domain/links.ts): https and paths inside Bina only, judged after
// normalising as browsers do.
import { describe, expect, it } from 'vitest'
import { checkContentLink, isAllowedContentLink } from '~/domain/links'

describe('content links', () => {
  it.each([
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '//evil.example',
    ' //evil.example',
    'http:',
    'http://evil.example',
    'HTTP://bina.jambiprov.go.id',
    'javascript:alert(1)',
    'java\tscript:alert(1)',
    ' javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:x',
    'mailto:a@b.c',
    'ftp://files.example',
    'https://user:pw@evil.example',
    'https://',
    'evil.example',
    '',
    '   ',
    '/a\u0000b',
    'x'.repeat(2001),
  ])('refuses %j', (href) => {
    expect(isAllowedContentLink(href)).toBe(false)
  })

  it.each([
    ['/courses/keamanan-digital-asn', '/courses/keamanan-digital-asn'],
    ['/courses?q=a#m1', '/courses?q=a#m1'],
    ['#bagian-2', '#bagian-2'],
    ['https://www.bssn.go.id/panduan', 'https://www.bssn.go.id/panduan'],
    ['  https://jdih.jambiprov.go.id  ', 'https://jdih.jambiprov.go.id/'],
    ['https:jdih.jambiprov.go.id', 'https://jdih.jambiprov.go.id/'],
  ])('accepts %j as %j', (href, normal) => {
    const v = checkContentLink(href)
    expect(v).toMatchObject({ ok: true, href: normal })
  })

  it('refuses non-strings', () => {
    expect(isAllowedContentLink(undefined)).toBe(false)
    expect(isAllowedContentLink(42)).toBe(false)
  })
})
