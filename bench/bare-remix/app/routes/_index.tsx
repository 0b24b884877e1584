// A static page (no loader): BARE_PAD_BYTES of text in paragraphs of about 100 characters.
import type { MetaFunction } from '@remix-run/node'

const WORDS = 'bina belajar kompetensi aparatur sipil negara provinsi jambi kursus pelajaran'.split(
  ' ',
)
const pad = Number(process.env.BARE_PAD_BYTES ?? 0)
const paragraphs: string[] = []
let left = pad
for (let i = 0; left > 0; i++) {
  let p = ''
  for (let j = i; p.length < 100; j++) p += WORDS[j % WORDS.length] + ' '
  p = p.slice(0, Math.min(p.length, Math.max(1, left - 7))) // "<p></p>" is 7 bytes
  paragraphs.push(p)
  left -= p.length + 7
}

export const meta: MetaFunction = () => [{ title: 'Bare Remix' }]

export default function Index() {
  return (
    <main>
      <h1>Bare Remix</h1>
      {paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </main>
  )
}
