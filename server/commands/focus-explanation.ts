import type { Kysely } from 'kysely';
import { focusAreaTextFor } from '../domain/focus-explanation';
import type { LatLng } from '../domain/geo';
import type { DB } from '../store/schema';
import { activeFocusAreas } from '../store/tasking';

/** The public text of the first active focus area (by name) containing the point, if any. */
export async function focusAreaTextAt(db: Kysely<DB>, point: LatLng, at: Date): Promise<string | undefined> {
  return focusAreaTextFor(point, await activeFocusAreas(db, at.toISOString()));
}
