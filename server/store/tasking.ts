import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FocusArea, TaskingEntry } from '../protocol/dispatch';
import type { DB } from './schema';

type AreaRow = { id: string; name: string; polygon: string; instructions: string; public_text: string | null; starts_at: string; ends_at: string };

function rowToArea(r: AreaRow): FocusArea {
  return {
    id: r.id,
    name: r.name,
    polygon: JSON.parse(r.polygon) as FocusArea['polygon'],
    instructions: r.instructions,
    publicText: r.public_text,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
  };
}

export async function insertFocusArea(db: Kysely<DB>, area: Omit<FocusArea, 'id'>, by: string, at: string): Promise<FocusArea> {
  const id = randomUUID();
  await db
    .insertInto('focus_areas')
    .values({
      id,
      name: area.name,
      polygon: JSON.stringify(area.polygon),
      instructions: area.instructions,
      public_text: area.publicText,
      starts_at: area.startsAt,
      ends_at: area.endsAt,
      created_by: by,
      created_at: at,
    })
    .execute();
  return { id, ...area };
}

export async function activeFocusAreas(db: Kysely<DB>, at: string): Promise<FocusArea[]> {
  const rows = await db.selectFrom('focus_areas').selectAll().where('starts_at', '<=', at).where('ends_at', '>', at).orderBy('name').execute();
  return rows.map(rowToArea);
}

/** Focus areas that end after `after` (running then, or planned later), by name: the signals dashboard's answers. */
export async function focusAreasEndingAfter(db: Kysely<DB>, after: string): Promise<FocusArea[]> {
  const rows = await db.selectFrom('focus_areas').selectAll().where('ends_at', '>', after).orderBy('name').execute();
  return rows.map(rowToArea);
}

export async function getFocusArea(db: Kysely<DB>, id: string): Promise<FocusArea | undefined> {
  const row = await db.selectFrom('focus_areas').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToArea(row) : undefined;
}

export async function insertTasking(db: Kysely<DB>, entry: Omit<TaskingEntry, 'id'>, by: string): Promise<TaskingEntry> {
  const id = randomUUID();
  await db.insertInto('tasking').values({ id, date: entry.date, unit_id: entry.unitId, area_id: entry.areaId, shift: entry.shift, created_by: by }).execute();
  return { id, ...entry };
}

export async function taskingForDate(db: Kysely<DB>, date: string, unitId?: string): Promise<{ entry: TaskingEntry; area: FocusArea }[]> {
  let query = db
    .selectFrom('tasking')
    .innerJoin('focus_areas', 'focus_areas.id', 'tasking.area_id')
    .select([
      'tasking.id as tid',
      'tasking.date',
      'tasking.unit_id',
      'tasking.area_id',
      'tasking.shift',
      'focus_areas.id',
      'focus_areas.name',
      'focus_areas.polygon',
      'focus_areas.instructions',
      'focus_areas.public_text',
      'focus_areas.starts_at',
      'focus_areas.ends_at',
    ])
    .where('tasking.date', '=', date);
  if (unitId) query = query.where('tasking.unit_id', '=', unitId);
  const rows = await query.orderBy('tasking.shift').execute();
  return rows.map((r) => ({
    entry: { id: r.tid, date: r.date, unitId: r.unit_id, areaId: r.area_id, shift: r.shift as TaskingEntry['shift'] },
    area: rowToArea(r),
  }));
}

/** The focus-area polygons each unit is tasked to on a date. */
export async function taskedAreasByUnit(db: Kysely<DB>, date: string): Promise<Map<string, FocusArea['polygon'][]>> {
  const rows = await db
    .selectFrom('tasking')
    .innerJoin('focus_areas', 'focus_areas.id', 'tasking.area_id')
    .select(['tasking.unit_id', 'focus_areas.polygon'])
    .where('tasking.date', '=', date)
    .execute();
  const byUnit = new Map<string, FocusArea['polygon'][]>();
  for (const row of rows) {
    const list = byUnit.get(row.unit_id) ?? [];
    list.push(JSON.parse(row.polygon) as FocusArea['polygon']);
    byUnit.set(row.unit_id, list);
  }
  return byUnit;
}
