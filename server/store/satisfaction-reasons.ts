import type { Kysely } from 'kysely';
import { reasonByCode } from '../domain/satisfaction';
import type { TimelineEntry } from '../protocol/detail';
import type { DB } from './schema';

/**
 * The standard reason of each citizen satisfaction answer on the report's timeline (the shift lead's reopen decision
 * shows it next to the citizen's comment). An answer is written in the step of its event, at the same instant: the
 * reopen request (a citizen's `report.transitioned` to `reopen_requested`) or `report.citizen_response`. A reason is
 * one of a fixed list (domain/satisfaction.ts), no personal data, so every role that reads the timeline sees it.
 */
export async function withSatisfactionReasons(db: Kysely<DB>, reportId: string, timeline: TimelineEntry[]): Promise<TimelineEntry[]> {
  if (!timeline.some(isCitizenAnswer)) return timeline;
  const rows = await db.selectFrom('citizen_responses').select(['reason', 'created_at']).where('report_id', '=', reportId).execute();
  const reasonAt = new Map(rows.map((r) => [r.created_at, r.reason]));
  return timeline.map((entry) => (isCitizenAnswer(entry) ? { ...entry, reason: reasonOf(reasonAt.get(entry.at) ?? null) } : entry));
}

function isCitizenAnswer(entry: TimelineEntry): boolean {
  return entry.type === 'report.citizen_response' || (entry.type === 'report.transitioned' && entry.to === 'reopen_requested' && entry.actor === null);
}

/** A standard reason in both languages; null without one (or with a code no longer on the list). */
function reasonOf(code: string | null): TimelineEntry['reason'] {
  const reason = code ? reasonByCode(code) : undefined;
  return reason ? { code: reason.code, nl: reason.nl, en: reason.en } : null;
}
