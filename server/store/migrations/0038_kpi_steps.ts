import { type Kysely, sql } from 'kysely';
import { kpiStepsOf } from '../../domain/kpi-steps';
import type { HubEvent } from '../../protocol/events';
import { kpiStepRow } from '../kpi-steps';

/**
 * The KPIs of the shift lead (issue 14 point 2): `kpi_steps`, the moments the figures are measured between, one row
 * per step of the event log (domain/kpi-steps.ts), written with each event from now on (store/events.ts).
 *
 * Backfill: the events that can hold a step (assignment.updated, unit.updated, report.transitioned,
 * report.delivery) are read in seq order, 2,000 at a time, and their steps written in batches; other events are not
 * read. On a year of a large city's log (a few million such events) this takes minutes; the 1M bench fixture holds
 * only report.created events and has none to replay.
 *
 * Indexes: steps by kind and time (the period's steps), by unit (pairing travel and on-scene), by report (the
 * report's first offer, its closing after a follow-up date), by follow-up date; the satisfaction answers by their time.
 */
const READ = 2_000;
const WRITE = 200;
const KINDS = ['assignment.updated', 'unit.updated', 'report.transitioned', 'report.delivery'];

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('kpi_steps')
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('report_id', 'text')
    .addColumn('unit_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('ms', 'double precision')
    .addColumn('unit_kind', 'text')
    .addColumn('day', 'text')
    .addColumn('within_term', 'integer')
    .addColumn('edited', 'integer')
    .addColumn('has_reporter', 'integer')
    .execute();

  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('events')
      .select(['seq', 'type', 'at', 'actor_id', 'payload'])
      .where('type', 'in', KINDS)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(READ)
      .execute();
    if (rows.length === 0) break;
    const steps = rows.flatMap((row) => {
      after = Number(row.seq);
      let payload: object;
      try {
        payload = JSON.parse(String(row.payload)) as object;
      } catch {
        return [];
      }
      return kpiStepsOf({ ...payload, seq: Number(row.seq), type: row.type, at: row.at, actorId: row.actor_id } as HubEvent);
    });
    for (let i = 0; i < steps.length; i += WRITE) {
      const values = steps.slice(i, i + WRITE).map(kpiStepRow);
      await db.insertInto('kpi_steps').values(values).execute();
    }
  }

  await db.schema.createIndex('kpi_steps_kind_at').on('kpi_steps').columns(['kind', 'at']).execute();
  await db.schema.createIndex('kpi_steps_unit').on('kpi_steps').columns(['unit_id', 'kind', 'at']).execute();
  await db.schema.createIndex('kpi_steps_report').on('kpi_steps').columns(['report_id', 'kind', 'at']).execute();
  await db.schema.createIndex('kpi_steps_day').on('kpi_steps').columns(['kind', 'day']).where('day', 'is not', null).execute();
  await db.schema.createIndex('citizen_responses_created').on('citizen_responses').column('created_at').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index citizen_responses_created`.execute(db);
  await db.schema.dropTable('kpi_steps').execute();
}
