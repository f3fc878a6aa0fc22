import type { Kysely } from 'kysely';
import type { TimelineEntry } from '../protocol/detail';
import type { HubEvent } from '../protocol/events';
import type { DB } from './schema';

/** The report's append-only history, from its events, with the actor's display name. */
export async function reportTimeline(db: Kysely<DB>, reportId: string): Promise<TimelineEntry[]> {
  const rows = await db
    .selectFrom('events')
    .leftJoin('users', 'users.id', 'events.actor_id')
    .select(['events.seq', 'events.type', 'events.at', 'events.payload', 'users.display_name'])
    .where('events.report_id', '=', reportId)
    .orderBy('events.seq')
    .execute();
  return rows.map((row) => {
    const payload = JSON.parse(row.payload) as Partial<Extract<HubEvent, { type: 'report.transitioned' }>> & {
      comment?: string | null;
    };
    return {
      seq: Number(row.seq),
      at: row.at,
      type: row.type,
      actor: row.display_name ?? null,
      from: payload.from ?? null,
      to: payload.to ?? (row.type === 'report.created' ? 'new' : null),
      outcome: payload.outcome ?? null,
      resolution: payload.resolution ?? null,
      resolutionState: payload.resolutionState ?? null,
      note: payload.note ?? payload.comment ?? null,
    };
  });
}
