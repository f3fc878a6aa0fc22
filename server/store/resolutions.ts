import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Resolution } from '../protocol/resolution';
import type { DB } from './schema';

export async function insertResolution(
  trx: Kysely<DB>,
  r: { reportId: string; seq: number; state: 'proposed' | 'confirmed'; body: Resolution; by: string | null; at: string },
): Promise<void> {
  await trx
    .insertInto('resolutions')
    .values({
      id: randomUUID(),
      report_id: r.reportId,
      seq: r.seq,
      state: r.state,
      body: JSON.stringify(r.body),
      created_by: r.by,
      created_at: r.at,
    })
    .execute();
}

/** The newest resolution of the report, proposed or confirmed. */
export async function latestResolution(
  db: Kysely<DB>,
  reportId: string,
): Promise<{ state: 'proposed' | 'confirmed'; body: Resolution; at: string; by: string | null } | undefined> {
  const row = await db
    .selectFrom('resolutions')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { state: row.state, body: JSON.parse(row.body) as Resolution, at: row.created_at, by: row.created_by } : undefined;
}
