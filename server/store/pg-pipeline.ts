import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import pg from 'pg';
import type { DB } from './schema';

/**
 * Statements sent with the next one (PostgreSQL): one round trip where there were several.
 *
 * Under the event-log lock every round trip to the server counts (docs/BENCHMARKS.md, "The write path after issue
 * 11"): a command in a group commit used to send its savepoint, its report INSERT and its event INSERT each on its
 * own. A statement whose answer nobody needs is marked, kept back and sent in the same simple-protocol message as the
 * next statement on that connection, its parameters written in as literals:
 * - `begin` as Kysely sends it (every transaction): sent with the transaction's first statement;
 * - {@link DEFER} (SQL starting with that comment): control statements (the event-log lock, savepoints);
 * - {@link DEFER_WRITE}: a write whose result is known without asking (a report row whose number the transaction
 *   already knows). Its error then comes back on the next statement, so the caller must send that next statement in
 *   the same command (appendEvent's event INSERT): a failing write still fails its own command. A rollback to a
 *   savepoint drops the writes kept back (they would be undone anyway).
 * Nothing is reordered: what is kept back goes first, in the order it was made. On SQLite the comments are only
 * comments and every statement runs at once.
 *
 * A message that fails may have failed before any of it ran (PostgreSQL parses the whole text first: a syntax error
 * anywhere rejects all of it), so the BEGIN or savepoint kept back in it may never have run. Until a rollback settles
 * it, the client then refuses every statement but `rollback` and `rollback to savepoint …` (their own errors say
 * whether the transaction and the savepoint exist): a command that catches the error and goes on would otherwise
 * write outside the transaction. The group commit names each command's savepoint apart (store/group-commit.ts), so
 * the rollback of a command whose savepoint never ran fails instead of undoing the command before it.
 */
export const DEFER = '/*defer*/ ';
export const DEFER_WRITE = '/*defer write*/ ';
/**
 * A hot write (the event INSERT of every command) that goes as `execute <name>(…)` of a statement the connection
 * prepared with SQL PREPARE the first time it sent that text, as the kept-back writes ({@link DEFER_WRITE}) go too:
 * PostgreSQL then neither parses nor plans the INSERT again for each command. SQL PREPARE, not pg's own prepared
 * statements (the extended protocol), because those cannot share one simple-protocol message with the statements
 * kept back.
 */
export const PREPARED = '/*prepared*/ ';

/** Statements one connection prepares at most; further texts go inline (a bound on what a session keeps). */
const MAX_PREPARED = 64;

interface Kept {
  /** The SQL as made, with its parameters as literals (written in or, prepared, as EXECUTE's arguments). */
  sql: string;
  literals: string[];
  write: boolean;
  prepare: boolean;
}

type Query = (...args: unknown[]) => unknown;

interface Pipeline {
  kept: Kept[];
  /** A failed message carried control statements that may not have run; cleared by a rollback that succeeds. */
  unsettled: boolean;
  /** SQL text → the name it is prepared under on this connection (only after a message with its PREPARE succeeded). */
  prepared: Map<string, string>;
  /** Names are never reused: a PREPARE in a message that failed may have run (PREPARE outlives a rollback). */
  nextName: number;
}

const pipelines = new WeakMap<pg.ClientBase, Pipeline>();

const UNSETTLED = 'statement refused: a message with a kept-back BEGIN or savepoint failed, the transaction must roll back first';

const prepareValue = (pg as unknown as { utils: { prepareValue(v: unknown): unknown } }).utils.prepareValue;

/**
 * A parameter as a literal: what the server would have made of the untyped text parameter pg sends. Bytes as an
 * escape string (E'\\x…'), read the same whatever standard_conforming_strings says (escapeLiteral does so for text
 * with a backslash). A NUL character is refused here, as PostgreSQL refuses it as a parameter (22021): in the query
 * text it would cut the message short, and the statements kept back with it (the group's BEGIN, a savepoint) would
 * not run, so the rollback to the savepoint would undo the command before it.
 */
function literal(value: unknown): string {
  const v = prepareValue(value);
  if (v === null || v === undefined) return 'null';
  if (Buffer.isBuffer(v)) return `E'\\\\x${v.toString('hex')}'`;
  const text = String(v);
  if (text.includes('\u0000')) throw Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
  return pg.escapeLiteral(text);
}

/** Writes the parameters into the SQL text ($1 … $n; Kysely puts no `$` digits anywhere else). */
export function inlineParameters(sql: string, parameters: readonly unknown[]): string {
  return writeIn(sql, parameters.map(literal));
}

function writeIn(sql: string, literals: readonly string[]): string {
  if (literals.length === 0) return sql;
  return sql.replace(/\$(\d+)/g, (whole, n: string) => {
    const i = Number(n) - 1;
    return i >= 0 && i < literals.length ? (literals[i] as string) : whole;
  });
}

/**
 * The text of one statement in a message: written in, or as EXECUTE of a prepared statement (preceded by its
 * PREPARE when this connection has not prepared it yet; `preparing` collects those to record once the message ran).
 */
function statementText(state: Pipeline, k: Kept, preparing: Map<string, string>): string {
  if (!k.prepare) return writeIn(k.sql, k.literals);
  const args = k.literals.length > 0 ? `(${k.literals.join(', ')})` : '';
  const name = state.prepared.get(k.sql) ?? preparing.get(k.sql);
  if (name) return `execute ${name}${args}`;
  if (state.prepared.size + preparing.size >= MAX_PREPARED) return writeIn(k.sql, k.literals);
  const fresh = `meldkamer_write_${state.nextName++}`;
  preparing.set(k.sql, fresh);
  return `prepare ${fresh} as ${k.sql};\nexecute ${fresh}${args}`;
}

function done(command: string): Promise<pg.QueryResult> {
  return Promise.resolve({ command, rowCount: 0, rows: [], fields: [], oid: 0 });
}

/** Makes the client keep marked statements back (see above). Called once per new pool client. */
export function pipelineClient(client: pg.ClientBase): void {
  const query = client.query.bind(client) as Query;
  const state: Pipeline = { kept: [], unsettled: false, prepared: new Map(), nextName: 1 };
  const list = state.kept;
  pipelines.set(client, state);
  const send = (last: Kept): Promise<pg.QueryResult> => {
    const control = list.some((k) => !k.write);
    const preparing = new Map<string, string>();
    const text = [...list, last].map((k) => statementText(state, k, preparing)).join(';\n');
    list.length = 0;
    return (query(text) as Promise<pg.QueryResult | pg.QueryResult[]>).then(
      (r) => {
        for (const [sql, name] of preparing) state.prepared.set(sql, name);
        return Array.isArray(r) ? (r[r.length - 1] as pg.QueryResult) : r;
      },
      (err: unknown) => {
        if (control) state.unsettled = true;
        throw err;
      },
    );
  };
  const kept = (sql: string, parameters: unknown[], write: boolean, prepare: boolean): Kept => ({
    sql,
    literals: parameters.map(literal),
    write,
    prepare,
  });
  const settle = (sql: string, parameters: unknown[]): unknown => {
    if (!/^rollback( to savepoint |$)/i.test(sql)) {
      return Promise.reject(Object.assign(new Error(UNSETTLED), { code: '25P02' }));
    }
    return (query(sql, parameters) as Promise<pg.QueryResult>).then((r) => {
      state.unsettled = false;
      return r;
    });
  };
  const keepOrSend = (sql: string, parameters: unknown[]): unknown => {
    if (state.unsettled) return settle(sql, parameters);
    if (sql === 'begin' && list.length === 0) {
      list.push({ sql, literals: [], write: false, prepare: false });
      return done('BEGIN');
    }
    if (sql.startsWith(DEFER)) {
      list.push(kept(sql, parameters, false, false));
      return done('SELECT');
    }
    if (sql.startsWith(DEFER_WRITE)) {
      list.push(kept(sql.slice(DEFER_WRITE.length), parameters, true, true));
      return done('INSERT');
    }
    const prepare = sql.startsWith(PREPARED);
    if (list.length === 0 && !prepare) return query(sql, parameters);
    if (sql === 'rollback' && list[0]?.sql === 'begin') {
      // The transaction never reached the server.
      list.length = 0;
      return done('ROLLBACK');
    }
    if (/^rollback to savepoint /i.test(sql)) {
      const control = list.filter((k) => !k.write);
      list.length = 0;
      list.push(...control);
    }
    return send(kept(prepare ? sql.slice(PREPARED.length) : sql, parameters, true, prepare));
  };
  (client as unknown as { query: Query }).query = (...args: unknown[]) => {
    const [sql, parameters, callback] = args;
    // Only Kysely's call shape (text, parameter array, no callback); anything else goes through as it was.
    if (typeof sql !== 'string' || !Array.isArray(parameters) || callback !== undefined || args.length !== 2) return query(...args);
    try {
      return keepOrSend(sql, parameters);
    } catch (err) {
      // A value refused while writing it in: nothing was sent and what was kept back stays (for the rollback).
      return Promise.reject(err);
    }
  };
}

/** Drops what a client kept back (when it goes back to the pool: a transaction that ended sent everything). */
export function forgetKept(client: pg.ClientBase): void {
  const state = pipelines.get(client);
  if (!state) return;
  state.kept.length = 0;
  state.unsettled = false;
}

/** Runs a write as a statement this connection prepares once ({@link PREPARED}); on SQLite as it is. */
export async function executePrepared(db: Kysely<DB>, query: Compilable): Promise<void> {
  const compiled = query.compile();
  await db.executeQuery(CompiledQuery.raw(PREPARED + compiled.sql, [...compiled.parameters]));
}

/**
 * Runs a write whose result nobody reads, kept back (DEFER_WRITE) to go with the next statement of this transaction:
 * the caller must send one (its error comes back there). On SQLite it runs at once.
 */
export async function executeKeptBack(db: Kysely<DB>, query: Compilable): Promise<void> {
  const compiled = query.compile();
  await db.executeQuery(CompiledQuery.raw(DEFER_WRITE + compiled.sql, [...compiled.parameters]));
}
