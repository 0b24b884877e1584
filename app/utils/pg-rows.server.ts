// Rows as objects, built by one function per column list (decision 126). `pg` builds every row by
// spreading a template object it makes for each result (an object with a null prototype, one
// property per column, then spread into a plain one) and then assigning each column by name: on a
// server running hundreds of different statements these are megamorphic property stores and
// object clones through V8's runtime, ~20 µs per result description and ~10 µs per row for the
// session's 19 columns, on every page. Here each distinct column list gets a function whose one
// object literal makes the row (same keys in the same order, same values: a null column is null,
// every other value goes through the column's type parser), compiled once and kept.
//
// The results the ORM reads (`rowMode: 'array'`) keep their own row path; only the template they
// never use is not made. Binary columns and a column named `__proto__` keep pg's own path.

type Parser = (value: string) => unknown
type Builder = (parsers: Parser[], values: (string | null)[]) => Record<string, unknown>
interface Field {
  name: string
  dataTypeID: number
  format?: string
}
interface TypeParsers {
  getTypeParser(oid: number, format: string): Parser
}
interface ResultLike {
  fields: Field[]
  rowAsArray: boolean
  _parsers: Parser[] | undefined
  _types: TypeParsers | undefined
  _prebuiltEmptyResultObject: Record<string, unknown> | null
  [BUILD]?: Builder | null
}
interface ResultClass {
  prototype: {
    addFields(this: ResultLike, fields: Field[]): void
    parseRow(this: ResultLike, values: (string | null)[]): unknown
  }
}

const BUILD = Symbol('bina.rowBuilder')
const MAX_BUILDERS = 5_000
const builders = new Map<string, Builder | null>()

/** The function that makes a row of these columns, or null where pg's own path must run. */
export function compileRowBuilder(names: readonly string[]): Builder | null {
  if (names.includes('__proto__')) return null
  // Keys are written as JSON string literals: a column name cannot break out of them.
  const props = names.map(
    (n, i) => `${JSON.stringify(n)}: v[${i}] === null ? null : p[${i}](v[${i}])`,
  )
  return new Function('p', 'v', `return {${props.join(',\n')}}`) as Builder
}

function builderFor(fields: Field[]): Builder | null {
  let key = ''
  for (const f of fields) {
    if (f.format === 'binary') return null
    key += f.name + '\u0000'
  }
  let b = builders.get(key)
  if (b === undefined) {
    b = compileRowBuilder(fields.map((f) => f.name))
    if (builders.size >= MAX_BUILDERS) builders.clear()
    builders.set(key, b)
  }
  return b
}

// On the class itself, registered: the server loads this module from source and the build bundles
// its own copy, and the class must be patched once.
const INSTALLED = Symbol.for('bina.rowBuilders')

/** Replaces `Result#addFields` and `Result#parseRow` of this `pg`'s Result class (once). */
export function installRowBuilders(Result: ResultClass, defaults: TypeParsers) {
  const marked = Result as ResultClass & { [INSTALLED]?: true }
  if (marked[INSTALLED]) return
  marked[INSTALLED] = true
  const { addFields, parseRow } = Result.prototype
  Result.prototype.addFields = function (fields) {
    const build = this.rowAsArray ? null : builderFor(fields)
    if (!this.rowAsArray && !build) {
      this[BUILD] = null
      return addFields.call(this, fields)
    }
    this[BUILD] = build
    this.fields = fields
    const types = this._types ?? defaults
    const parsers = new Array<Parser>(fields.length)
    for (let i = 0; i < fields.length; i++)
      parsers[i] = types.getTypeParser(fields[i]!.dataTypeID, fields[i]!.format || 'text')
    this._parsers = parsers
  }
  Result.prototype.parseRow = function (values) {
    const build = this[BUILD]
    return build ? build(this._parsers!, values) : parseRow.call(this, values)
  }
}
