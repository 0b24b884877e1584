// Conform's parseWithZod, with its form-value coercion built once per schema (decision 121).
// parseWithZod rebuilds a coerced copy of the schema on every call (`coerceFormValue`, a Map of
// new Zod types each time): about 0.5 core-ms of a 20-question exam submit, and 0.1 ms of a
// catalogue search. The coerced copy depends only on the schema object, and Zod schemas are
// immutable, so it is kept in a WeakMap. Schemas given as a function of the intent, and calls that
// already pass a coerced schema (`disableAutoCoercion`), go to Conform unchanged.
import {
  parseWithZod as conformParseWithZod,
  unstable_coerceFormValue as coerceFormValue,
} from '@conform-to/zod'

const coerced = new WeakMap<object, unknown>()

function coercedOnce<S extends object>(schema: S): S {
  let c = coerced.get(schema) as S | undefined
  if (!c) {
    c = coerceFormValue(schema as never) as unknown as S
    coerced.set(schema, c)
  }
  return c
}

export const parseWithZod = ((payload: never, options: Record<string, unknown>) =>
  options.disableAutoCoercion || typeof options.schema !== 'object' || options.schema === null
    ? conformParseWithZod(payload, options as never)
    : conformParseWithZod(payload, {
        ...options,
        schema: coercedOnce(options.schema),
        disableAutoCoercion: true,
      } as never)) as unknown as typeof conformParseWithZod
