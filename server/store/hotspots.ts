import type { Kysely } from 'kysely';
import type { DB } from './schema';

/** Where reports were made in a period, for hotspots; a merged duplicate is the same problem as its original: counted once. */
export async function reportPlacesBetween(db: Kysely<DB>, from: string, until: string): Promise<{ lat: number; lng: number; at: string }[]> {
  const rows = await db
    .selectFrom('reports')
    .select(['lat', 'lng', 'created_at'])
    .where('created_at', '>', from)
    .where('created_at', '<=', until)
    .where((eb) => eb.or([eb('outcome', 'is', null), eb('outcome', '!=', 'duplicate')]))
    .execute();
  return rows.map((r) => ({ lat: r.lat, lng: r.lng, at: r.created_at }));
}
