// The image markers of bank questions (decision 059): cut into text and images in order, so the
// quiz page, the review and the bank preview render the same parts.
import { describe, expect, it } from 'vitest'
import {
  imageMarker,
  imageMarkers,
  questionImageNames,
  splitImageMarkers,
} from '~/domain/question-images'

describe('question image markers', () => {
  it('splits text and images in order, keeping the text around them', () => {
    const a = `${'a'.repeat(64)}.png`
    const b = `${'b'.repeat(64)}.jpg`
    const text = `Lihat gambar:${imageMarker(a)}\ndan${imageMarker(b)}${imageMarker(a)} selesai`
    expect(splitImageMarkers(text)).toEqual([
      { text: 'Lihat gambar:' },
      { image: a },
      { text: '\ndan' },
      { image: b },
      { image: a },
      { text: ' selesai' },
    ])
    expect(imageMarkers(text)).toEqual([a, b, a])
  })

  it('leaves text without markers, and a broken marker, as text', () => {
    expect(splitImageMarkers('Tanpa gambar')).toEqual([{ text: 'Tanpa gambar' }])
    expect(splitImageMarkers('[[gambar:]] [[gambar:x.png')).toEqual([
      { text: '[[gambar:]] [[gambar:x.png' },
    ])
    expect(splitImageMarkers('')).toEqual([])
  })
})

describe("a question's image names", () => {
  it('reads the text, the feedback and every option, in order; no images, none', () => {
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((x) => `${x.repeat(64)}.png`)
    const q = {
      text: `Soal ${imageMarker(a!)}`,
      feedback: `Umpan balik ${imageMarker(b!)}`,
      options: [
        { text: 'Tanpa gambar', feedback: null },
        { text: imageMarker(c!), feedback: `Lihat ${imageMarker(d!)}${imageMarker(a!)}` },
      ],
    }
    expect(questionImageNames(q)).toEqual([a, b, c, d, a])
    expect(questionImageNames({ text: 'Tanpa gambar' })).toEqual([])
    expect(questionImageNames({ text: imageMarker(a!), feedback: null, options: null })).toEqual([
      a,
    ])
  })
})
