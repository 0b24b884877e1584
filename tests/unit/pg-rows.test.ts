// Rows built by one compiled function per column list (app/utils/pg-rows.server.ts, decision 126)
// must be exactly the rows `pg` builds: same keys in the same order, same values, same prototype,
// for duplicate column names, nulls, every type parser, names that are not identifiers, and the
// cases left to pg (binary columns, `__proto__`). Compared with a fresh, unpatched copy of pg's
// own Result class on the same row descriptions and values.
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { compileRowBuilder, installRowBuilders } from '~/utils/pg-rows.server'

const require = createRequire(import.meta.url)
type Field = { name: string; dataTypeID: number; format?: string }
type ResultInstance = {
  addFields(f: Field[]): void
  parseRow(v: (string | null)[]): unknown
  fields: Field[]
  _prebuiltEmptyResultObject: unknown
}
type ResultCtor = new (rowMode?: string, types?: unknown) => ResultInstance

/** A copy of pg's Result module of its own (the module cache entry removed, then required). */
function freshResult(): ResultCtor {
  const path = require.resolve('pg/lib/result.js')
  delete require.cache[path]
  const R = require(path) as ResultCtor
  delete require.cache[path]
  return R
}
const types = require('pg-types') as { getTypeParser(oid: number, format?: string): unknown }

const Original = freshResult()
const Patched = freshResult()
installRowBuilders(Patched as never, types as never)

function rows(R: ResultCtor, fields: Field[], values: (string | null)[][], rowMode?: string) {
  const r = new R(rowMode)
  // pg hands each result its own parsed descriptions; copies keep the two runs apart.
  r.addFields(fields.map((f) => ({ ...f })))
  return values.map((v) => r.parseRow(v))
}

/** Own keys in order, each value, and the prototype: what toEqual alone would not pin down. */
function shape(row: unknown) {
  const o = row as Record<string, unknown>
  return {
    proto: Object.getPrototypeOf(o),
    entries: Reflect.ownKeys(o).map((k) => [k, o[k as string]]),
  }
}

const INT4 = 23
const TEXT = 25
const BOOL = 16
const TIMESTAMPTZ = 1184
const TEXT_ARRAY = 1009
const JSON_OID = 114
const INT8 = 20
const samples: Record<number, string[]> = {
  [INT4]: ['0', '-7', '2147483647'],
  [TEXT]: ['', 'Pelayanan Publik — ‹ü›', 'a"b\\c'],
  [BOOL]: ['t', 'f'],
  [TIMESTAMPTZ]: ['2026-12-02 20:29:01.123+00', '1999-01-01 00:00:00+07'],
  [TEXT_ARRAY]: ['{a,b}', '{}', '{"x y",NULL}'],
  [JSON_OID]: ['{"a":[1,2]}', 'null', '"s"'],
  [INT8]: ['9007199254740993', '-1'],
}
const oids = Object.keys(samples).map(Number)

describe('rows from compiled builders', () => {
  it('equal pg’s rows on the session statement’s columns', () => {
    const fields: Field[] = [
      ['user_id', TEXT],
      ['expired', BOOL],
      ['roles', TEXT_ARRAY],
      ['unit_id', TEXT],
      ['unread', INT4],
    ].map(([name, dataTypeID]) => ({ name: name as string, dataTypeID: dataTypeID as number }))
    const values = [
      ['u1', 'f', '{LEARNER,SUPERVISOR}', null, '3'],
      ['u2', 't', '{}', 'unit', '0'],
    ]
    const got = rows(Patched, fields, values)
    expect(got.map(shape)).toEqual(rows(Original, fields, values).map(shape))
    expect(got[0]).toEqual({
      user_id: 'u1',
      expired: false,
      roles: ['LEARNER', 'SUPERVISOR'],
      unit_id: null,
      unread: 3,
    })
  })

  it('keep the first position and the last value of a repeated column name, as pg does', () => {
    const fields = [
      { name: 'a', dataTypeID: INT4 },
      { name: 'b', dataTypeID: TEXT },
      { name: 'a', dataTypeID: TEXT },
    ]
    for (const v of [
      ['1', 'x', 'later'],
      ['1', 'x', null],
      [null, null, '2'],
    ]) {
      const [got] = rows(Patched, fields, [v])
      expect(shape(got)).toEqual(shape(rows(Original, fields, [v])[0]))
    }
    expect(Object.keys(rows(Patched, fields, [['1', 'x', null]])[0] as object)).toEqual(['a', 'b'])
  })

  it('equal pg’s rows for 500 generated column lists and values', () => {
    // A small deterministic generator: the same cases on every run.
    let seed = 20261202
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    const names = [
      'id',
      'nama',
      'a"b',
      'x\\y',
      'constructor',
      'toString',
      'ü',
      '',
      '0',
      '1e3',
      'a b',
    ]
    for (let c = 0; c < 500; c++) {
      const fields: Field[] = Array.from({ length: 1 + next(12) }, () => ({
        name: names[next(names.length)]!,
        dataTypeID: oids[next(oids.length)]!,
      }))
      const values = Array.from({ length: 3 }, () =>
        fields.map((f) =>
          next(5) === 0 ? null : samples[f.dataTypeID]![next(samples[f.dataTypeID]!.length)]!,
        ),
      )
      expect(rows(Patched, fields, values).map(shape)).toEqual(
        rows(Original, fields, values).map(shape),
      )
    }
  })

  it('leave a `__proto__` column and binary columns to pg’s own path', () => {
    expect(compileRowBuilder(['a', '__proto__'])).toBeNull()
    const proto = [
      { name: '__proto__', dataTypeID: TEXT },
      { name: 'b', dataTypeID: INT4 },
    ]
    expect(rows(Patched, proto, [['x', '1']]).map(shape)).toEqual(
      rows(Original, proto, [['x', '1']]).map(shape),
    )
    const binary = [{ name: 'bytes', dataTypeID: 17, format: 'binary' }]
    const v = [['\u0001\u0002' as string | null]]
    expect(rows(Patched, binary, v)).toEqual(rows(Original, binary, v))
  })

  it('give the ORM’s array rows unchanged, without building the object template', () => {
    const fields = [
      { name: 'a', dataTypeID: INT4 },
      { name: 'a', dataTypeID: TEXT_ARRAY },
    ]
    const v = [['5', '{p,q}']]
    expect(rows(Patched, fields, v, 'array')).toEqual([[5, ['p', 'q']]])
    expect(rows(Patched, fields, v, 'array')).toEqual(rows(Original, fields, v, 'array'))
    const r = new Patched('array')
    r.addFields(fields)
    expect(r._prebuiltEmptyResultObject).toBeNull()
    expect(r.fields.map((f) => f.name)).toEqual(['a', 'a'])
  })

  it('use the query’s own type parsers when it has them', () => {
    const custom = { getTypeParser: (oid: number) => (s: string) => `${oid}:${s}` }
    const r = new Patched(undefined, custom)
    r.addFields([{ name: 'n', dataTypeID: INT4 }])
    expect(r.parseRow(['7'])).toEqual({ n: '23:7' })
  })
})
