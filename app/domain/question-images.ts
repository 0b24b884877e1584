// Images in bank questions: the importer stores an image and leaves the marker
// [[gambar:<file name>]] in the question's plain text (docs/decisions/051). Kept apart from the
// parsers so that pages rendering question text do not ship the XML and GIFT parsers.
export const IMAGE_MARKER = /\[\[gambar:([^\]]+)\]\]/g

/** File names of the image markers in a text. */
export function imageMarkers(text: string): string[] {
  return [...text.matchAll(IMAGE_MARKER)].map((m) => m[1]!)
}

/**
 * File names of the images a question shows anywhere: its text, its feedback, its options' texts
 * and feedback, in that order (a name may repeat). Shared by the Moodle XML export, the pack
 * export and the pack import (decision 068).
 */
export function questionImageNames(q: {
  text: string
  feedback?: string | null
  options?: readonly { text: string; feedback?: string | null }[] | null
}): string[] {
  const texts = [q.text, q.feedback, ...(q.options ?? []).flatMap((o) => [o.text, o.feedback])]
  return texts.flatMap((t) => (t ? imageMarkers(t) : []))
}

/** The marker a stored image stands as in a question's text. */
export function imageMarker(name: string) {
  return `[[gambar:${name}]]`
}

/** A text cut into its runs of text and its images, in order (for rendering). */
export function splitImageMarkers(text: string): ({ text: string } | { image: string })[] {
  const parts: ({ text: string } | { image: string })[] = []
  let at = 0
  for (const m of text.matchAll(IMAGE_MARKER)) {
    if (m.index > at) parts.push({ text: text.slice(at, m.index) })
    parts.push({ image: m[1]! })
    at = m.index + m[0].length
  }
  if (at < text.length) parts.push({ text: text.slice(at) })
  return parts
}
