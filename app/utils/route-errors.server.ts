// The route side of the error convention (app/utils/errors.ts): turns an AppError, a malformed
// parameter or a database rejection of malformed input into a 4xx response whose body is an
// ErrorPayload ({ code, params }) the UI translates. Never a 500 for bad input.
import { data } from '@remix-run/node'
import type { ZodTypeAny, z } from 'zod'
import { supportedLngs, type Lng } from '~/i18n'
import i18next from '~/i18next.server'
import { AppError, InvalidError, isErrorPayload, NotFoundError, type ErrorPayload } from './errors'
import { renderMessage } from './messages'

const NUL = '\u0000'

/** PostgreSQL rejects text containing NUL (22021) and malformed values (22P02) with a 500 otherwise. */
function databaseInputError(e: unknown): AppError | null {
  if (!(e instanceof Error)) return null
  const text = `${(e as { code?: unknown }).code ?? ''} ${e.message} ${String((e as { cause?: unknown }).cause ?? '')}`
  if (/22021|0x00|invalid byte sequence/i.test(text))
    return new InvalidError('input.invalidText', { cause: e })
  if (/22P02|P2023|invalid input syntax/i.test(text))
    return new InvalidError('input.invalid', { cause: e })
  return null
}

/** The 4xx response for an error a route may show, or null when it is a real failure. */
export function appErrorResponse(e: unknown) {
  const err = e instanceof AppError ? e : databaseInputError(e)
  if (!err) return null
  return data<ErrorPayload>(err.toPayload(), { status: err.status })
}

/**
 * Wraps a loader or action: an AppError (or malformed input the database rejected) becomes a
 * thrown 4xx response rendered by the route's error boundary; anything else propagates.
 */
export function withAppErrors<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    try {
      return await fn(...args)
    } catch (e) {
      const response = appErrorResponse(e)
      if (response) throw response
      throw e
    }
  }
}

/** The reader's language, detected as for pages (`?lng=`, then the language cookie; else id). */
export async function readerLanguage(request: Request): Promise<Lng> {
  const lng = await i18next.getLocale(request)
  return (supportedLngs as readonly string[]).includes(lng) ? (lng as Lng) : 'id'
}

/** A coded error as the plain-text body a download, image or export link shows. */
export async function codedTextResponse(request: Request, error: ErrorPayload, status: number) {
  const lng = await readerLanguage(request)
  return new Response(`${renderMessage(error, lng)}\n`, {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Language': lng,
      'Cache-Control': 'no-store',
      // The code itself, for scripts and tests (the body is for people).
      'X-Error-Code': error.code,
    },
  })
}

/** The payload of a thrown 4xx Response that carries one (`forbidden()`, `data({ code })`). */
async function payloadOf(e: unknown): Promise<{ payload: ErrorPayload; status: number } | null> {
  if (e instanceof Response) {
    if (e.status < 400 || e.status >= 500) return null
    if (!/\bapplication\/json\b/.test(e.headers.get('Content-Type') ?? '')) return null
    const body: unknown = await e
      .clone()
      .json()
      .catch(() => null)
    return isErrorPayload(body) ? { payload: body, status: e.status } : null
  }
  // `data(payload, { status })` thrown by a helper shared with pages.
  if (e && typeof e === 'object' && 'data' in e && 'init' in e) {
    const d = e as { data: unknown; init: { status?: number } | null }
    const status = d.init?.status ?? 500
    if (status >= 400 && status < 500 && isErrorPayload(d.data)) return { payload: d.data, status }
  }
  return null
}

/**
 * Wraps the loader or action of a resource route (a file, an image, an export, JSON for a
 * script): an AppError, malformed input the database rejected, or a coded 4xx thrown by a shared
 * helper becomes a plain-text answer in the reader's language with the error's status. Redirects
 * (sign-in) and real failures pass through.
 */
export function withResourceErrors<A extends { request: Request }, R>(fn: (args: A) => Promise<R>) {
  return async (args: A): Promise<R | Response> => {
    try {
      return await fn(args)
    } catch (e) {
      const err = e instanceof AppError ? e : databaseInputError(e)
      if (err) return codedTextResponse(args.request, err.toPayload(), err.status)
      const coded = await payloadOf(e)
      if (coded) return codedTextResponse(args.request, coded.payload, coded.status)
      throw e
    }
  }
}

export function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(NUL)
  if (value instanceof File) return value.name.includes(NUL)
  return false
}

/** Reads the form data, refusing any field name or value that contains a NUL byte. */
export async function readForm(request: Request) {
  let form: FormData
  try {
    form = await request.formData()
  } catch (e) {
    throw new InvalidError('input.invalid', { cause: e })
  }
  for (const [key, value] of form.entries()) {
    if (hasNul(key) || hasNul(value)) throw new InvalidError('input.invalidText')
  }
  return form
}

/** Search parameters of the request URL, refusing NUL bytes. */
export function readSearchParams(request: Request) {
  const params = new URL(request.url).searchParams
  for (const [key, value] of params.entries()) {
    if (hasNul(key) || hasNul(value)) throw new InvalidError('input.invalidText')
  }
  return params
}

/**
 * A route parameter checked against its schema; a value that does not fit (wrong shape, NUL
 * byte) is a 404 with the given code, like an id that does not exist.
 */
export function routeParam<S extends ZodTypeAny>(
  params: Record<string, string | undefined>,
  name: string,
  schema: S,
  notFoundCode = 'notFound',
): z.output<S> {
  const raw = params[name]
  if (raw === undefined || hasNul(raw)) throw new NotFoundError(notFoundCode)
  const parsed = schema.safeParse(raw)
  if (!parsed.success) throw new NotFoundError(notFoundCode)
  return parsed.data
}
