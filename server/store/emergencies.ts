import type { Kysely } from 'kysely';
import type { Alert } from '../protocol/dispatch';
import { rowToAlert } from './alerts';
import type { DB } from './schema';

/** A unit's emergency alert that no console has acknowledged yet, if any (the oldest). */
export async function openEmergencyOf(db: Kysely<DB>, unitId: string): Promise<Alert | undefined> {
  const row = await db
    .selectFrom('alerts')
    .selectAll()
    .where('kind', '=', 'emergency')
    .where('unit_id', '=', unitId)
    .where('acked_at', 'is', null)
    .orderBy('created_at')
    .executeTakeFirst();
  return row ? rowToAlert(row) : undefined;
}
