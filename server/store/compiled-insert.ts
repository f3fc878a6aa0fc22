import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import type { DB } from './schema';

/** Per dialect (its adapter): `table|columns` → the INSERT's SQL text as Kysely compiled it once. */
const texts = new WeakMap<object, Map<string, string>>();
const MAX_TEXTS = 200;

/** Values Kysely passes as parameters as they are (an expression would be compiled into the text instead). */
function isPlainValue(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function') || Buffer.isBuffer(value);
}

/**
 * The INSERT of one row, compiled by Kysely once per table and set of columns and then reused with this row's
 * values: building and compiling it anew cost several percent of a report's creation in CPU (docs/BENCHMARKS.md,
 * the command path). Kysely puts the defined values in the order of the row's keys; the first compile of a shape is
 * checked to have done exactly that, or that shape is compiled every time. A row holding an expression (a
 * subquery, `sql`) is compiled every time too.
 */
export function insertRow<T extends keyof DB & string>(db: Kysely<DB>, table: T, row: Record<string, unknown>): Compilable {
  const columns: string[] = [];
  const values: unknown[] = [];
  let plain = true;
  for (const key of Object.keys(row)) {
    const value = row[key];
    if (value === undefined) continue;
    if (!isPlainValue(value)) plain = false;
    columns.push(key);
    values.push(value);
  }
  const build = () => db.insertInto(table).values(row as never);
  if (!plain) return build();
  const adapter = db.getExecutor().adapter;
  let known = texts.get(adapter);
  if (!known) {
    known = new Map();
    texts.set(adapter, known);
  }
  const key = `${table}|${columns.join(',')}`;
  const text = known.get(key);
  if (text !== undefined) return { compile: () => CompiledQuery.raw(text, values) };
  const compiled = build().compile();
  const same = compiled.parameters.length === values.length && compiled.parameters.every((p, i) => p === values[i]);
  if (same) {
    if (known.size >= MAX_TEXTS) known.clear();
    known.set(key, compiled.sql);
  }
  return { compile: () => compiled };
}
