import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FocusArea } from '../protocol/dispatch';
import type { PriorityTraffic } from '../protocol/safety';
import type { DB } from './schema';

/** Spoedmeldingen (domain/priority-traffic.ts), with their area's name and polygon. */

function baseQuery(db: Kysely<DB>) {
  return db
    .selectFrom('priority_traffic')
    .innerJoin('focus_areas', 'focus_areas.id', 'priority_traffic.area_id')
    .select([
      'priority_traffic.id',
      'priority_traffic.area_id',
      'priority_traffic.text',
      'priority_traffic.declared_at',
      'priority_traffic.declared_by',
      'priority_traffic.lifted_at',
      'priority_traffic.lifted_by',
      'focus_areas.name as area_name',
      'focus_areas.polygon as area_polygon',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function rowToTraffic(r: Row): PriorityTraffic {
  return {
    id: r.id,
    areaId: r.area_id,
    areaName: r.area_name,
    polygon: JSON.parse(r.area_polygon) as FocusArea['polygon'],
    text: r.text,
    declaredAt: r.declared_at,
    declaredBy: r.declared_by,
    liftedAt: r.lifted_at,
    liftedBy: r.lifted_by,
  };
}

export async function activePriorityTraffic(db: Kysely<DB>): Promise<PriorityTraffic[]> {
  const rows = await baseQuery(db).where('priority_traffic.lifted_at', 'is', null).orderBy('priority_traffic.declared_at').execute();
  return rows.map(rowToTraffic);
}

export async function getPriorityTraffic(db: Kysely<DB>, id: string): Promise<PriorityTraffic | undefined> {
  const row = await baseQuery(db).where('priority_traffic.id', '=', id).executeTakeFirst();
  return row ? rowToTraffic(row) : undefined;
}

export async function insertPriorityTraffic(trx: Kysely<DB>, t: { areaId: string; text: string; by: string; at: string }): Promise<string> {
  const id = randomUUID();
  await trx.insertInto('priority_traffic').values({ id, area_id: t.areaId, text: t.text, declared_at: t.at, declared_by: t.by, lifted_at: null, lifted_by: null }).execute();
  return id;
}

/** Lifts once: false when it was lifted already. */
export async function liftPriorityTraffic(trx: Kysely<DB>, id: string, by: string, at: string): Promise<boolean> {
  const result = await trx
    .updateTable('priority_traffic')
    .set({ lifted_at: at, lifted_by: by })
    .where('id', '=', id)
    .where('lifted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
