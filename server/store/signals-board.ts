import type { Kysely } from 'kysely';
import type { BoardPoint } from '../domain/signal-trends';
import { reportPlacesBetween } from './hotspots';
import type { DB } from './schema';
import { visibleSignal } from './signal-batches';

/** What the signals dashboard reads: report and signal places of a period, by kind (the focus areas: store/tasking.ts). */

export async function boardPointsBetween(db: Kysely<DB>, from: string, until: string): Promise<BoardPoint[]> {
  const [reports, signals] = await Promise.all([
    reportPlacesBetween(db, from, until),
    db
      .selectFrom('signals')
      .select(['lat', 'lng', 'occurred_at', 'source'])
      .where('occurred_at', '>', from)
      .where('occurred_at', '<=', until)
      .where(visibleSignal)
      .execute(),
  ]);
  return [
    ...reports.map((r) => ({ ...r, kind: 'report' as const })),
    ...signals.map((s) => ({ lat: s.lat, lng: s.lng, at: s.occurred_at, kind: s.source === 'survey' ? ('survey' as const) : ('social' as const) })),
  ];
}
