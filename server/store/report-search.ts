import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';
import type { ReportStatus } from '../protocol/report';
import type { SearchHit, SearchMatch } from '../protocol/search';
import { formatReportNumber } from './reports';
import type { DB } from './schema';

/**
 * Finding any report, closed ones too (migration 0013): the exact number first, then addresses that start with what
 * was typed (alphabetical, the newest first within one address), then reports whose address and description hold
 * every typed word as a word prefix (newest first). Each part is one index-backed query of at most `limit` rows.
 * What was typed only ever travels as a bound parameter; the words query is built from letters and digits alone.
 */
export async function searchReports(db: Kysely<DB>, q: string, limit: number): Promise<SearchHit[]> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const typed = q.trim();
  const hits: SearchHit[] = [];
  const seen = new Set<string>();
  const add = (rows: HitRow[], match: SearchMatch) => {
    for (const row of rows) {
      if (seen.has(row.id) || hits.length >= limit) continue;
      seen.add(row.id);
      hits.push(toHit(row, match));
    }
  };

  const number = reportNumberIn(typed);
  if (number !== undefined) add(await rows(db, sql`where number = ${number}`, limit), 'number');
  // "M-000042" is a report number and nothing else: no address or words start like that.
  if (hits.length >= limit || (number !== undefined && /^m/i.test(typed))) return hits;

  const prefix = addressPrefix(typed, postgres);
  if (prefix) add(await byAddress(db, prefix, postgres, limit), 'address');
  if (hits.length >= limit) return hits;

  const words = wordsIn(typed);
  if (words.length > 0) add(await byWords(db, words, postgres, limit), 'words');
  return hits;
}

interface HitRow {
  id: string;
  number: number | string;
  category: string;
  status: string;
  address: string | null;
  description: string;
  created_at: string;
}

const HIT_COLUMNS = sql.raw('id, number, category, status, address, description, created_at');

async function rows(db: Kysely<DB>, condition: RawBuilder<unknown>, limit: number): Promise<HitRow[]> {
  return (await sql<HitRow>`select ${HIT_COLUMNS} from reports ${condition} limit ${limit}`.execute(db)).rows;
}

function toHit(row: HitRow, match: SearchMatch): SearchHit {
  return {
    id: row.id,
    number: formatReportNumber(Number(row.number)),
    category: row.category,
    status: row.status as ReportStatus,
    address: row.address,
    description: row.description,
    createdAt: row.created_at,
    match,
  };
}

const NUMBER = /^(?:m\s*-?\s*)?0*(\d{1,15})$/i;

/** "M-000123", "m123", "123" → 123. */
export function reportNumberIn(typed: string): number | undefined {
  const m = NUMBER.exec(typed);
  if (!m) return undefined;
  const n = Number(m[1]);
  return n > 0 && Number.isSafeInteger(n) ? n : undefined;
}

/**
 * The bounds [from, to) of the lower-cased addresses that start with what was typed, in bytewise order (UTF-8 keeps
 * code point order). SQLite's lower() folds ASCII only, PostgreSQL's every letter: the typed text is folded alike.
 */
function addressPrefix(typed: string, postgres: boolean): { from: string; to: string } | undefined {
  const from = postgres ? typed.toLowerCase() : typed.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const last = from.charCodeAt(from.length - 1);
  if (from.length < 2 || last >= 0xd800) return undefined;
  return { from, to: from.slice(0, -1) + String.fromCharCode(last + 1) };
}

async function byAddress(db: Kysely<DB>, p: { from: string; to: string }, postgres: boolean, limit: number): Promise<HitRow[]> {
  const key = postgres ? sql.raw('(lower(address) collate "C")') : sql.raw('lower(address)');
  return rows(db, sql`where ${key} >= ${p.from} and ${key} < ${p.to} order by ${key}, created_at desc`, limit);
}

/** The words typed: runs of letters and digits of two or more, lower-cased, at most eight. */
export function wordsIn(typed: string): string[] {
  return (typed.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? []).slice(0, 8);
}

/**
 * Every word as a whole word first (newest first), then, when that finds too few, as word prefixes (what is still
 * being typed): a prefix that thousands of words share is the slow case.
 */
async function byWords(db: Kysely<DB>, words: string[], postgres: boolean, limit: number): Promise<HitRow[]> {
  if (postgres) return byWordsPostgres(db, words, limit);
  const whole = await ftsQuery(db, words, false, limit);
  if (whole.length >= limit) return whole;
  const prefixed = await ftsQuery(db, words, true, limit);
  const ids = new Set(whole.map((r) => r.id));
  return [...whole, ...prefixed.filter((r) => !ids.has(r.id))];
}

/** SQLite: the FTS5 table (migration 0013), keyed by the report number, newest first. */
async function ftsQuery(db: Kysely<DB>, words: string[], prefix: boolean, limit: number): Promise<HitRow[]> {
  const match = words.map((w) => (prefix ? `"${w}"*` : `"${w}"`)).join(' ');
  return rows(
    db,
    sql`where number in (select rowid from reports_fts where reports_fts match ${match} order by rowid desc limit ${limit})
      order by number desc`,
    limit,
  );
}

/** PostgreSQL: how many of the newest reports are checked one by one before the word index is asked. */
const NEWEST_SCAN = 2_000;

/**
 * PostgreSQL, over `reports.search_words` (migration 0018): the words and, per word, its first four letters + `*`.
 *
 * 1. The newest prefix matches among the newest 2,000 reports, read until `limit` are found, each marked whole-word
 *    or not. Common words end here, usually after a few hundred rows (the GIN index would hand over tens of
 *    thousands of matches to sort for the newest 20): when all are whole-word matches they are the newest of those.
 * 2. `limit` found, some only by prefix: the whole-word matches (the newest reports first when 1 found some, else
 *    the GIN index: exact entries, intersected by skipping), then the prefix-only ones of 1. Those suffice: the
 *    whole-word matches of 1 are among the whole-word matches, so at most as many places are left as 1 has
 *    prefix-only matches, and they are the newest.
 * 3. Fewer found: the matches are rare among the newest. Every prefix match from the index in one query, asked by
 *    the exact four-letter entries (a partial match would collect every posting of every matching word into a
 *    bitmap, with no skipping), checked against the real prefixes, whole-word matches first.
 * MATERIALIZED keeps the planner from walking reports_created_at backwards instead, which for words that never
 * meet reads the whole table (15 s at 1M).
 */
async function byWordsPostgres(db: Kysely<DB>, words: string[], limit: number): Promise<HitRow[]> {
  const whole = sql`to_tsquery('simple', ${words.join(' & ')})`;
  const prefixed = sql`to_tsquery('simple', ${words.map((w) => `${w}:*`).join(' & ')})`;
  const newest = (condition: RawBuilder<unknown>) =>
    sql`(select ${HIT_COLUMNS}, search_words from reports order by created_at desc limit ${NEWEST_SCAN}) r where ${condition}`;

  const first = (
    await sql<HitRow & { whole: boolean }>`select ${HIT_COLUMNS}, search_words @@ ${whole} as whole
      from ${newest(sql`search_words @@ ${prefixed}`)} order by created_at desc limit ${limit}`.execute(db)
  ).rows;
  if (first.length >= limit) {
    const prefixOnly = first.filter((r) => !r.whole);
    if (prefixOnly.length === 0) return first;
    let wholeRows: HitRow[] = [];
    if (prefixOnly.length < first.length) {
      wholeRows = (
        await sql<HitRow>`select ${HIT_COLUMNS} from ${newest(sql`search_words @@ ${whole}`)}
          order by created_at desc limit ${limit}`.execute(db)
      ).rows;
    }
    if (wholeRows.length < limit) {
      wholeRows = (
        await sql<HitRow>`with m as materialized (select ${HIT_COLUMNS} from reports where search_words @@ ${whole})
          select * from m order by created_at desc limit ${limit}`.execute(db)
      ).rows;
    }
    return [...wholeRows, ...prefixOnly];
  }
  return (
    await sql<HitRow>`with m as materialized (select ${HIT_COLUMNS}, search_words from reports where search_words @@ ${indexEntries(words)})
      select ${HIT_COLUMNS} from m where search_words @@ ${prefixed}
      order by search_words @@ ${whole} desc, created_at desc limit ${limit}`.execute(db)
  ).rows;
}

/**
 * The GIN entries that hold every report whose words start with the typed ones: four letters or more by the exact
 * `xxxx*` entry (words of five letters or more carry it; a four-letter word is itself), shorter as a partial match.
 * Built in SQL from the bound words, lower-cased as to_tsvector does, quoted as tsquery lexemes.
 */
function indexEntries(words: string[]): RawBuilder<unknown> {
  return sql`(select string_agg(case
      when char_length(w) < 4 then quote_literal(w) || ':*'
      when char_length(w) = 4 then '(' || quote_literal(w) || ' | ' || quote_literal(w || '*') || ')'
      else quote_literal(left(w, 4) || '*') end, ' & ')
    from unnest(cast(${words} as text[])) as t(x), lower(x) as w)::tsquery`;
}
