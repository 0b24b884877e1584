// The server side of a GET form (search and filters): the URL's search parameters parsed with the
// same Zod schema as the browser (Conform's parseWithZod on URLSearchParams). A value that does not
// fit never fails the page: that filter is dropped, explicitly, and the reply carries the field's
// message, so the form shows which filter was ignored and why (`SearchForm` in
// app/components/forms.tsx). NUL bytes are refused with a 400 like any other input.
import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '~/utils/conform'
import type { z, ZodTypeAny } from 'zod'
import { readSearchParams } from './route-errors.server'

export interface SearchResult<S extends ZodTypeAny> {
  /** The filters to apply: the valid values, defaults for the dropped ones. */
  value: z.output<S>
  /** For useForm's lastResult: undefined when every value was valid. */
  result: SubmissionResult<string[]> | undefined
  /** The names of the parameters that were ignored. */
  ignored: string[]
}

// What a schema gives for no parameters at all (a page opened from a link: most requests), per
// schema: always the same, while Conform's parse of it was ~35 µs of the page (decision 126).
// Callers get copies.
const noParams = new WeakMap<ZodTypeAny, SearchResult<ZodTypeAny>>()

/** Parses URL search parameters with a GET form's schema, dropping (and reporting) bad values. */
export function parseSearch<S extends ZodTypeAny>(
  params: URLSearchParams,
  schema: S,
): SearchResult<S> {
  if (params.size === 0) {
    let known = noParams.get(schema)
    if (known === undefined) {
      known = parseAll(params, schema)
      noParams.set(schema, known)
    }
    return structuredClone(known) as SearchResult<S>
  }
  return parseAll(params, schema)
}

function parseAll<S extends ZodTypeAny>(params: URLSearchParams, schema: S): SearchResult<S> {
  const submission = parseWithZod(params, { schema })
  if (submission.status === 'success')
    return { value: submission.value as z.output<S>, result: undefined, ignored: [] }
  const ignored = Object.keys(submission.error ?? {}).filter((k) => k !== '')
  const formLevel = Object.keys(submission.error ?? {}).includes('')
  const kept = formLevel
    ? new URLSearchParams()
    : new URLSearchParams(
        [...params].filter(
          ([k]) => !ignored.some((b) => k === b || k.startsWith(`${b}.`) || k.startsWith(`${b}[`)),
        ),
      )
  const retry = parseWithZod(kept, { schema })
  // Every field of a search schema is optional or has a default, so no parameters always parse.
  const value =
    retry.status === 'success'
      ? retry.value
      : (parseWithZod(new URLSearchParams(), { schema }) as { value: unknown }).value
  if (value === undefined) throw new Error('A search schema must accept no parameters at all.')
  return {
    value: value as z.output<S>,
    result: submission.reply() as SubmissionResult<string[]>,
    ignored,
  }
}

/** `parseSearch` on the request's URL (refusing NUL bytes with a 400). */
export function readSearch<S extends ZodTypeAny>(request: Request, schema: S) {
  return parseSearch(readSearchParams(request), schema)
}

/**
 * `search` with one more of its values dropped and reported: a value of the right form that names
 * nothing the page can use (an unknown id), which only reading the data finds out. The form shows
 * `message` on that field, as for a value the schema refused.
 */
export function dropSearchValue<S extends ZodTypeAny>(
  request: Request,
  schema: S,
  search: SearchResult<S>,
  field: keyof z.output<S> & string,
  message: string,
): SearchResult<S> {
  const submission = parseWithZod(readSearchParams(request), { schema })
  return {
    value: { ...search.value, [field]: undefined },
    result: submission.reply({ fieldErrors: { [field]: [message] } }) as SubmissionResult<string[]>,
    ignored: search.ignored.includes(field) ? search.ignored : [...search.ignored, field],
  }
}
