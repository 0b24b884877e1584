// One error convention for the whole app. Models throw an AppError (or a subclass) carrying a
// stable code and parameters; routes map it to an HTTP status with `withAppErrors` (see
// app/utils/route-errors.server.ts); the UI translates `errors.codes.<code>` with the parameters
// (app/components/error-boundary.tsx). This module is client-safe: no server imports.

export type ErrorParams = Record<string, string | number>

/** What a 4xx response carries to the error boundary or to an action's result. */
export interface ErrorPayload {
  code: string
  params?: ErrorParams
  /** The form field the error belongs to, when it is about one field. */
  field?: string
}

export class AppError extends Error {
  readonly code: string
  readonly status: number
  readonly params: ErrorParams
  readonly field?: string
  constructor(
    code: string,
    opts: { status?: number; params?: ErrorParams; field?: string; cause?: unknown } = {},
  ) {
    super(code, opts.cause ? { cause: opts.cause } : undefined)
    this.name = 'AppError'
    this.code = code
    this.status = opts.status ?? 400
    this.params = opts.params ?? {}
    this.field = opts.field
  }

  toPayload(): ErrorPayload {
    return {
      code: this.code,
      ...(Object.keys(this.params).length ? { params: this.params } : {}),
      ...(this.field ? { field: this.field } : {}),
    }
  }
}

type Opts = { params?: ErrorParams; field?: string; cause?: unknown }

/** 400: the request is malformed or a value is not acceptable. */
export class InvalidError extends AppError {
  constructor(code: string, opts: Opts = {}) {
    super(code, { ...opts, status: 400 })
    this.name = 'InvalidError'
  }
}

/** 403: the caller may not do or see this. */
export class ForbiddenError extends AppError {
  constructor(code: string, opts: Opts = {}) {
    super(code, { ...opts, status: 403 })
    this.name = 'ForbiddenError'
  }
}

/** 404: the thing does not exist (or is not visible to the caller). */
export class NotFoundError extends AppError {
  constructor(code: string, opts: Opts = {}) {
    super(code, { ...opts, status: 404 })
    this.name = 'NotFoundError'
  }
}

/** 409: the request conflicts with the current state (already done, taken, closed). */
export class ConflictError extends AppError {
  constructor(code: string, opts: Opts = {}) {
    super(code, { ...opts, status: 409 })
    this.name = 'ConflictError'
  }
}

export function isErrorPayload(x: unknown): x is ErrorPayload {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as { code?: unknown }).code === 'string' &&
    (x as { code: string }).code.length > 0
  )
}

/** The i18n key of an error code. */
export function errorKey(code: string) {
  return `errors.codes.${code}`
}

/**
 * A 400 about one form field. `message` is an i18n key (errors.codes.*) or, for older callers,
 * a ready sentence; ErrorList shows either.
 */
export class FieldError extends InvalidError {
  declare readonly field: string
  constructor(field: string, message: string, params?: ErrorParams) {
    super(message, { field, params })
    this.name = 'FieldError'
  }
}

/** A coded message: an i18n code plus the values its text shows. */
export interface CodedMessage {
  code: string
  params?: ErrorParams
}

/**
 * The i18n key of a message code: `validation.*` lives under `errors.validation`, every other code
 * under `errors.codes`.
 */
export function messageKey(code: string) {
  return code.startsWith('validation.') ? `errors.${code}` : errorKey(code)
}

/**
 * A form message with parameters as one string, for places that carry strings only (Zod issues,
 * Conform replies): `code?name=value&…`. `ErrorList` / `useErrorText` translate it with them.
 */
export function messageWith(code: string, params: ErrorParams = {}) {
  const entries = Object.entries(params)
  if (!entries.length) return code
  return `${code}?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`
}

const CODE = /^[a-zA-Z]\w*(\.\w+)+$/

/** Reads a message string: a code (with `?params`) or, from older callers, a ready sentence. */
export function readMessage(message: string): CodedMessage | null {
  const q = message.indexOf('?')
  const code = q < 0 ? message : message.slice(0, q)
  if (!CODE.test(code)) return null
  if (q < 0) return { code }
  return { code, params: Object.fromEntries(new URLSearchParams(message.slice(q + 1))) }
}
