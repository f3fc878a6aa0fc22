import type { Kysely } from 'kysely';
import type { UnitKind } from '../protocol/dispatch';
import type { Priority } from '../protocol/report';
import type { RunCard, RunCardArea, RunCardFields } from '../protocol/run-cards';
import type { DB } from './schema';
import type { RunCardTable } from './schema-run-cards';

/** Run cards (domain/run-cards.ts) as rows. */

function rowToRunCard(row: RunCardTable): RunCard {
  const area: RunCardArea =
    row.area_kind === 'focus_area' || row.area_kind === 'neighbourhood' ? { kind: row.area_kind, id: row.area_id ?? '' } : { kind: 'any' };
  return {
    id: row.id,
    category: row.category,
    area,
    from: row.from_time,
    to: row.to_time,
    unitKinds: JSON.parse(row.unit_kinds) as UnitKind[],
    units: Number(row.units),
    team: row.team,
    priority: row.priority as Priority | null,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

function fieldsToRow(f: RunCardFields) {
  return {
    category: f.category,
    area_kind: f.area.kind,
    area_id: f.area.kind === 'any' ? null : f.area.id,
    from_time: f.from,
    to_time: f.to,
    unit_kinds: JSON.stringify(f.unitKinds),
    units: f.units,
    team: f.team,
    priority: f.priority,
  };
}

export async function listRunCards(db: Kysely<DB>): Promise<RunCard[]> {
  const rows = await db.selectFrom('run_cards').selectAll().orderBy('category').orderBy('id').execute();
  return rows.map(rowToRunCard);
}

export async function runCardsOfCategory(db: Kysely<DB>, category: string): Promise<RunCard[]> {
  const rows = await db.selectFrom('run_cards').selectAll().where('category', '=', category).execute();
  return rows.map(rowToRunCard);
}

export async function getRunCard(db: Kysely<DB>, id: string): Promise<RunCard | undefined> {
  const row = await db.selectFrom('run_cards').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToRunCard(row) : undefined;
}

export async function insertRunCard(db: Kysely<DB>, id: string, fields: RunCardFields, by: string | null, at: string): Promise<RunCard> {
  await db.insertInto('run_cards').values({ id, ...fieldsToRow(fields), updated_at: at, updated_by: by }).execute();
  return { id, ...fields, updatedAt: at, updatedBy: by };
}

export async function updateRunCard(db: Kysely<DB>, id: string, fields: RunCardFields, by: string | null, at: string): Promise<RunCard | undefined> {
  const result = await db.updateTable('run_cards').set({ ...fieldsToRow(fields), updated_at: at, updated_by: by }).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? { id, ...fields, updatedAt: at, updatedBy: by } : undefined;
}

export async function deleteRunCard(db: Kysely<DB>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('run_cards').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
