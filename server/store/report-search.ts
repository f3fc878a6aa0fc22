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
 * Every word as a whole word first (an index walk newest first that stops at `limit`), then, when that finds too
 * few, as word prefixes (what is still being typed): a prefix that thousands of words share is the slow case.
 */
async function byWords(db: Kysely<DB>, words: string[], postgres: boolean, limit: number): Promise<HitRow[]> {
  const whole = await wordQuery(db, words, false, postgres, limit);
  if (whole.length >= limit) return whole;
  const prefixed = await wordQuery(db, words, true, postgres, limit);
  const ids = new Set(whole.map((r) => r.id));
  return [...whole, ...prefixed.filter((r) => !ids.has(r.id))];
}

/** PostgreSQL: how many of the newest reports are checked one by one before the word index is asked. */
const NEWEST_SCAN = 2_000;

async function wordQuery(db: Kysely<DB>, words: string[], prefix: boolean, postgres: boolean, limit: number): Promise<HitRow[]> {
  if (postgres) {
    const query = words.map((w) => (prefix ? `${w}:*` : w)).join(' & ');
    const matches = sql`to_tsvector('simple', coalesce(address, '') || ' ' || description) @@ to_tsquery('simple', ${query})`;
    // Common words: the GIN index yields every match, tens of thousands, sorted for the newest 20; the newest
    // reports, read backwards on reports_created_at and checked one by one, hold 20 of them already.
    const newest = (
      await sql<HitRow>`select * from (select ${HIT_COLUMNS} from reports order by created_at desc limit ${NEWEST_SCAN}) r
        where ${matches} order by created_at desc limit ${limit}`.execute(db)
    ).rows;
    if (newest.length >= limit) return newest;
    // Fewer matches: every one from the GIN index, then the newest. MATERIALIZED keeps the planner from walking
    // reports_created_at backwards instead, which for words that match nothing reads the whole table (15 s at 1M).
    return (
      await sql<HitRow>`with m as materialized (select ${HIT_COLUMNS} from reports where ${matches})
        select * from m order by created_at desc limit ${limit}`.execute(db)
    ).rows;
  }
  const match = words.map((w) => (prefix ? `"${w}"*` : `"${w}"`)).join(' ');
  return rows(
    db,
    sql`where number in (select rowid from reports_fts where reports_fts match ${match} order by rowid desc limit ${limit})
      order by number desc`,
    limit,
  );
}
