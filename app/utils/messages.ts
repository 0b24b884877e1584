// Coded messages rendered outside React (tests, exports, mails): the same lookup as
// `useErrorText` (app/components/forms.tsx) over the locale files. Imports both locales, so keep
// it out of browser code; the UI translates with react-i18next.
import en from '~/locales/en'
import id from '~/locales/id'
import { messageKey, readMessage, type CodedMessage } from './errors'

type Tree = { [k: string]: string | Tree }

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined
    node = node[part]
  }
  return typeof node === 'string' ? node : undefined
}

const trees = { id: id as unknown as Tree, en: en as unknown as Tree }

/** The template of a message code in a language, or undefined when the locale lacks it. */
export function messageTemplate(code: string, lng: 'id' | 'en') {
  return lookup(trees[lng], messageKey(code)) ?? lookup(trees[lng], code)
}

/** A coded message (or its `code?params` string) as text; a plain sentence stays as it is. */
export function renderMessage(message: string | CodedMessage, lng: 'id' | 'en' = 'id') {
  const coded = typeof message === 'string' ? readMessage(message) : message
  if (!coded) return message as string
  const template = messageTemplate(coded.code, lng)
  if (template === undefined) return coded.code
  const params = coded.params ?? {}
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k] ?? ''))
}
