// Client-safe schemas shared by the browser (Conform) and the server (actions, loaders).
// Validation messages are i18n keys (translated by ErrorList in app/components/forms.tsx).
import { z } from 'zod'

const NUL = '\u0000'

/** A text field: trimmed, no NUL byte. */
export function text(opts: { required?: string; max?: number } = {}) {
  const base = z
    .string(opts.required ? { required_error: opts.required } : undefined)
    .trim()
    .max(opts.max ?? 1000, 'validation.tooLong')
    .refine((s) => !s.includes(NUL), 'validation.invalidText')
  return base
}

/** A database id: a cuid (the default) or a uuid; anything else cannot exist. */
export const idSchema = z
  .string()
  .regex(/^(c[a-z0-9]{20,32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i)

/** A URL slug of a course or lesson. */
export const slugSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,199}$/)
