import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';
import type { DB } from './schema';
import './kpi-steps';

/**
 * The shift lead's KPI facts (migration 0052): one row per figure-ready fact, derived from the KPI steps
 * (store/kpi-steps.ts) with the pairings and the report's subject already looked up, so a month's KPIs are counted
 * in SQL from one table (store/stats.ts) instead of pairing 150,000 steps and looking up 30,000 reports per request.
 *
 * Derivation (each step, in seq order; the same rules store/stats.ts used to apply when reading):
 * - `offered` → `queue`: the report's first offer (no offer of the report before it, earlier seq at the same instant
 *   included); ms = created → offered. An offer written later but timed earlier (another node's clock) replaces it.
 * - `accepted` → `dispatch`: ms as the step has it (offer → accepted); team = the step's unit kind.
 * - `ter_plaatse` → `travel`: from the same unit's last `onderweg` to the same report at or before it; team = its unit kind.
 * - `unit_free` → `on_scene`: every arrival of the unit after its previous free moment (and at most 24 hours before this
 *   one) gets this free moment as its end; team = the arrival's unit kind. A second free step at the same instant adds none.
 *   The pair is written with whichever of the two comes later in the log: an arrival committed after its free moment was
 *   derived (the next command in the same millisecond) is paired when it is derived itself.
 * - `closed` → `closed` (ms = created → closed, with its flags), `reopen_requested` → `reopen`, `delivery_failed` → `failed`.
 * Every fact carries its report's category and place; a step whose report is gone gives none (as a join would).
 *
 * When: a watermark (`kpi_fact_progress.seq`) says up to which event every step has its facts. `deriveKpiFacts` takes the
 * steps after it in batches of 5,000, each one transaction that writes the batch's facts (INSERT … SELECT per rule, so
 * the database does the lookups) and moves the watermark: the hub runs it every few seconds
 * (hub/kpi-facts-job.ts) and before it answers GET /api/stats, so the figures include every step committed before the
 * request. Steps are never derived in the command's own transaction: the command path does not pay for the KPIs,
 * and steps a node of an older release writes (rolling upgrade) are derived all the same. Two nodes at once: on
 * PostgreSQL an advisory lock of its own (not the event log's, so commands do not wait) takes them one at a time; the
 * second finds the watermark moved.
 */

export const KPI_FACT_KINDS = ['queue', 'dispatch', 'travel', 'on_scene', 'closed', 'reopen', 'failed'] as const;
export type KpiFactKind = (typeof KPI_FACT_KINDS)[number];

export interface KpiFactTable {
  kind: KpiFactKind;
  /** The instant the fact counts in (the end of its interval), ISO text in UTC like the steps'. */
  at: string;
  report_id: string;
  category: string;
  lat: number;
  lng: number;
  /** The unit kind of the step (dispatch, travel, on scene); null for report-level facts. */
  team: string | null;
  ms: number | null;
  within_term: number | null;
  edited: number | null;
  has_reporter: number | null;
}

export interface KpiFactProgressTable {
  id: number;
  seq: number;
}

declare module './schema' {
  interface DB {
    kpi_facts: KpiFactTable;
    kpi_fact_progress: KpiFactProgressTable;
  }
}

/** A unit's visit longer than this is not paired with its free moment (and not counted as on scene). */
export const ON_SCENE_LIMIT_MS = 24 * 3_600_000;
const BATCH = 5_000;
// Arbitrary but fixed, and not the event log's (store/open.ts): derivation never holds up a command.
const DERIVE_LOCK_KEY = 734_212;

const isPostgres = (db: Kysely<DB>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Milliseconds from ISO text `a` to `b` (exact: both have millisecond precision), null when negative or absent. */
function msBetween(postgres: boolean, a: RawBuilder<unknown>, b: RawBuilder<unknown>): RawBuilder<number | null> {
  const d = postgres
    ? sql`round(extract(epoch from (${b}::timestamptz - ${a}::timestamptz)) * 1000)::float8`
    : sql`round((unixepoch(${b}, 'subsec') - unixepoch(${a}, 'subsec')) * 1000)`;
  return sql<number | null>`(case when ${d} >= 0 then ${d} end)`;
}

const COLUMNS = sql.raw('(kind, at, report_id, category, lat, lng, team, ms, within_term, edited, has_reporter)');

/**
 * The facts of the steps with seq in (after, upTo], written by the database itself (one INSERT … SELECT per rule, the
 * lookups as index seeks inside it): a batch of thousands of steps is a few statements, not a round trip per step.
 */
async function writeFacts(trx: Kysely<DB>, postgres: boolean, after: number, upTo: number): Promise<void> {
  const inBatch = sql`s.seq > ${after} and s.seq <= ${upTo}`;
  const ms = (a: RawBuilder<unknown>, b: RawBuilder<unknown>) => msBetween(postgres, a, b);
  const subject = sql`r.category, r.lat, r.lng`;
  // First offers: no offer of the report before it (an earlier seq at the same instant counts as before). An offer
  // written later with an earlier time (another node's clock) is the first after all: it replaces the queue fact.
  const firstOffer = sql`s.kind = 'offered'
        and not exists (select 1 from kpi_steps o where o.report_id = s.report_id and o.kind = 'offered' and (o.at < s.at or (o.at = s.at and o.seq < s.seq)))`;
  await sql`delete from kpi_facts where kind = 'queue' and report_id in (select s.report_id from kpi_steps s where ${inBatch} and ${firstOffer})`.execute(trx);
  await sql`insert into kpi_facts ${COLUMNS}
    select * from (select 'queue' as kind, s.at, s.report_id, ${subject}, cast(null as text) as team, ${ms(sql`r.created_at`, sql`s.at`)} as ms,
        cast(null as integer) as within_term, cast(null as integer) as edited, cast(null as integer) as has_reporter
      from kpi_steps s join reports r on r.id = s.report_id
      where ${inBatch} and ${firstOffer}) q
    where q.ms is not null`.execute(trx);
  // Acceptances, closings, reopen requests and failed messages: the step as it is, with its report's subject.
  await sql`insert into kpi_facts ${COLUMNS}
    select case s.kind when 'accepted' then 'dispatch' when 'reopen_requested' then 'reopen' when 'delivery_failed' then 'failed' else 'closed' end,
        s.at, s.report_id, ${subject}, case when s.kind = 'accepted' then s.unit_kind end, s.ms, s.within_term, s.edited, s.has_reporter
      from kpi_steps s join reports r on r.id = s.report_id
      where ${inBatch} and (s.kind in ('closed', 'reopen_requested', 'delivery_failed') or (s.kind = 'accepted' and s.ms is not null))`.execute(trx);
  // Arrivals: travel from the same unit's last departure to the same report.
  await sql`insert into kpi_facts ${COLUMNS}
    select * from (select 'travel' as kind, s.at, s.report_id, ${subject}, s.unit_kind as team,
        ${ms(sql`(select max(o.at) from kpi_steps o where o.unit_id = s.unit_id and o.kind = 'onderweg' and o.report_id = s.report_id and o.at <= s.at)`, sql`s.at`)} as ms,
        cast(null as integer) as within_term, cast(null as integer) as edited, cast(null as integer) as has_reporter
      from kpi_steps s join reports r on r.id = s.report_id
      where ${inBatch} and s.kind = 'ter_plaatse' and s.unit_id is not null) q
    where q.ms is not null`.execute(trx);
  // On scene pairs an arrival with the unit's first free moment at or after it, and is written with the later of the
  // two (by seq): the other one is committed by then. Free moments: every earlier arrival of the unit since its previous
  // free moment, up to 24 hours back.
  await sql`insert into kpi_facts ${COLUMNS}
    select * from (select 'on_scene' as kind, s.at, a.report_id, ${subject}, a.unit_kind as team, ${ms(sql`a.at`, sql`s.at`)} as ms,
        cast(null as integer) as within_term, cast(null as integer) as edited, cast(null as integer) as has_reporter
      from kpi_steps s
      join kpi_steps a on a.unit_id = s.unit_id and a.kind = 'ter_plaatse' and a.report_id is not null and a.at <= s.at and a.seq <= s.seq
        and a.at > coalesce((select max(p.at) from kpi_steps p where p.unit_id = s.unit_id and p.kind = 'unit_free' and p.at < s.at), '')
      join reports r on r.id = a.report_id
      where ${inBatch} and s.kind = 'unit_free' and s.unit_id is not null
        and not exists (select 1 from kpi_steps d where d.unit_id = s.unit_id and d.kind = 'unit_free' and d.at = s.at and d.seq < s.seq)) q
    where q.ms is not null and q.ms <= ${ON_SCENE_LIMIT_MS}`.execute(trx);
  // Arrivals written after their free moment (the next command in the same millisecond): the free moment counted
  // without them.
  await sql`insert into kpi_facts ${COLUMNS}
    select * from (select 'on_scene' as kind, f.at, s.report_id, ${subject}, s.unit_kind as team, ${ms(sql`s.at`, sql`f.at`)} as ms,
        cast(null as integer) as within_term, cast(null as integer) as edited, cast(null as integer) as has_reporter
      from kpi_steps s
      join kpi_steps f on f.seq = (select n.seq from kpi_steps n where n.unit_id = s.unit_id and n.kind = 'unit_free' and n.at >= s.at order by n.at, n.seq limit 1)
        and f.kind = 'unit_free' and f.unit_id = s.unit_id and f.seq < s.seq
      join reports r on r.id = s.report_id
      where ${inBatch} and s.kind = 'ter_plaatse' and s.unit_id is not null) q
    where q.ms is not null and q.ms <= ${ON_SCENE_LIMIT_MS}`.execute(trx);
}

/** The end of the next batch: the seq of the BATCH-th step after `after` (or of the last one). */
async function batchEnd(trx: Kysely<DB>, after: number, size: number): Promise<number | null> {
  const nth = await trx.selectFrom('kpi_steps').select('seq').where('seq', '>', after).orderBy('seq').offset(size - 1).limit(1).executeTakeFirst();
  if (nth) return Number(nth.seq);
  const last = await trx.selectFrom('kpi_steps').select((eb) => eb.fn.max('seq').as('seq')).where('seq', '>', after).executeTakeFirst();
  return last?.seq === null || last?.seq === undefined ? null : Number(last.seq);
}

/** One batch: the steps after the watermark, their facts, the watermark moved; false when there was nothing to do. */
async function deriveBatch(db: Kysely<DB>, size: number): Promise<boolean> {
  const postgres = isPostgres(db);
  return db.transaction().execute(async (trx) => {
    if (postgres) await sql`select pg_advisory_xact_lock(${DERIVE_LOCK_KEY})`.execute(trx);
    const progress = await trx.selectFrom('kpi_fact_progress').select('seq').where('id', '=', 1).executeTakeFirst();
    const after = Number(progress?.seq ?? 0);
    const upTo = await batchEnd(trx, after, size);
    if (upTo === null) return false;
    await writeFacts(trx, postgres, after, upTo);
    await trx.updateTable('kpi_fact_progress').set({ seq: upTo }).where('id', '=', 1).execute();
    return true;
  });
}

/** True when steps wait for their facts (one look at the newest step; cheap enough before every stats request). */
async function kpiFactsBehind(db: Kysely<DB>): Promise<boolean> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('kpi_steps').select((e) => e.fn.max('seq').as('s')).as('step'),
      eb.selectFrom('kpi_fact_progress').select('seq').where('id', '=', 1).as('done'),
    ])
    .executeTakeFirst();
  return Number(row?.step ?? 0) > Number(row?.done ?? 0);
}

/** Derives the facts of every step after the watermark; returns how many batches (of `size` steps) it took. */
export async function deriveKpiFacts(db: Kysely<DB>, size = BATCH): Promise<number> {
  let batches = 0;
  if (!(await kpiFactsBehind(db))) return 0;
  while (await deriveBatch(db, size)) batches++;
  return batches;
}
