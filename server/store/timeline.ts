import type { Kysely } from 'kysely';
import { seesAlert } from '../domain/alert-kinds';
import { maskName } from '../domain/privacy-mask';
import { type TimelineFact, timelineText } from '../domain/timeline-texts';
import type { Role } from '../protocol/auth';
import type { TimelineEntry } from '../protocol/detail';
import type { Alert, Assignment, Unit } from '../protocol/dispatch';
import type { HubEvent } from '../protocol/events';
import type { ReporterQuestion } from '../protocol/reporter-question';
import type { DB } from './schema';
import { formatReportNumber } from './reports';

type Payload = Partial<Extract<HubEvent, { type: 'report.transitioned' }>> & {
  comment?: string | null;
  satisfied?: boolean;
  status?: 'queued' | 'sent' | 'failed';
  assignment?: Assignment;
  unit?: Unit;
  alert?: Alert;
  change?: 'referred' | 'revoked' | 'answered' | 'approved' | 'withdrawn';
  party?: string;
  step?: 'asked' | 'answered' | 'expired';
  question?: ReporterQuestion;
};

export interface TimelineOptions {
  /**
   * The reader may see contacts (`contacts.read`): a linked caller is named, masked as in the reporter list
   * (the whole name is only in the logged contacts view). Default: no names (deny by default).
   */
  callerNames?: boolean;
  /** The reader's role: an alert's text only for the roles in its kind's audience. Default: none (no alert texts). */
  role?: Role;
}

/** The report's append-only history, from its events, with the actor's display name and each step in words. */
export async function reportTimeline(db: Kysely<DB>, reportId: string, options: TimelineOptions = {}): Promise<TimelineEntry[]> {
  const [rows, reporters, splitParts] = await Promise.all([
    db
      .selectFrom('events')
      .leftJoin('users', 'users.id', 'events.actor_id')
      .leftJoin('units', 'units.id', 'users.unit_id')
      .select(['events.seq', 'events.type', 'events.at', 'events.actor_id', 'events.payload', 'users.display_name', 'units.callsign'])
      .where('events.report_id', '=', reportId)
      .orderBy('events.seq')
      .execute(),
    // A linked caller is a reporter row written in the step of its `report.updated` event (same instant).
    db.selectFrom('reporters').select(['name', 'created_at']).where('report_id', '=', reportId).orderBy('created_at').execute(),
    // A split is a `report.updated` step that raised the part count; its parts were created in that step (same instant).
    db.selectFrom('reports').select(['number', 'created_at']).where('parent_report_id', '=', reportId).orderBy('number').execute(),
  ]);
  const parsed = rows.map((row) => ({ row, payload: JSON.parse(row.payload) as Payload }));
  // Offers withdrawn because another unit accepted: the acceptance is in the same step (same instant, same actor).
  const acceptedIn = new Map<string, string>();
  for (const { row, payload } of parsed) {
    if (row.type === 'assignment.updated' && payload.assignment?.state === 'accepted' && payload.unit) {
      acceptedIn.set(`${row.at}|${row.actor_id}`, payload.unit.callsign);
    }
  }
  let reporterCount = 0;
  let partCount = 0;
  return parsed.map(({ row, payload }) => {
    // A caller was linked in a `report.updated` step that raised the count, with a reporter row of that instant.
    const count = payload.report?.reporterCount ?? reporterCount;
    const raised = row.type === 'report.updated' && count > reporterCount;
    reporterCount = count;
    const linked = raised ? reporters.findLast((r) => r.created_at === row.at) : undefined;
    const parts = payload.report?.partCount ?? partCount;
    const split = row.type === 'report.updated' && parts > partCount;
    partCount = parts;
    const splitInto = split ? splitParts.filter((p) => p.created_at === row.at).map((p) => formatReportNumber(Number(p.number))) : [];
    const fact: TimelineFact = {
      type: row.type,
      at: row.at,
      from: payload.from ?? null,
      to: payload.to ?? null,
      resolution: payload.resolution ?? null,
      resolutionState: payload.resolutionState ?? null,
      actor: row.display_name ?? null,
      actorUnit: row.callsign ?? null,
      unit: payload.unit?.callsign ?? null,
      offeredBy: payload.assignment?.offeredBy ?? null,
      acceptedBy: payload.assignment?.state === 'withdrawn' ? (acceptedIn.get(`${row.at}|${row.actor_id}`) ?? null) : null,
      callerLinked: linked ? { name: options.callerNames && linked.name ? maskName(linked.name) : null } : null,
      split: splitInto.length > 0 ? { parts: splitInto } : null,
      partOf: row.type === 'report.created' ? (payload.report?.parentNumber ?? null) : null,
    };
    if (payload.alert && options.role && seesAlert(payload.alert.kind, options.role)) fact.alert = payload.alert.text ?? payload.alert.message;
    if (payload.assignment) fact.assignmentState = payload.assignment.state;
    if (payload.satisfied !== undefined) fact.satisfied = payload.satisfied;
    if (payload.status) fact.deliveryStatus = payload.status;
    if (row.type === 'report.external' && (payload.change === 'referred' || payload.change === 'revoked' || payload.change === 'answered')) {
      fact.external = { change: payload.change, party: payload.party ?? '?' };
    }
    if (row.type === 'report.photo' && (payload.change === 'approved' || payload.change === 'withdrawn')) fact.photo = { change: payload.change };
    if (row.type === 'report.question' && payload.question && payload.step) {
      const q = payload.question;
      fact.question = { step: payload.step, text: q.question, channel: q.channel, photo: q.answerPhotoId !== null };
    }
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
      // The question asked is the step's own sentence ("Vraag aan melder (e-mail): …"), not repeated as its note.
      note: row.type === 'report.question' && payload.step === 'asked' ? null : (payload.note ?? payload.comment ?? null),
      text: timelineText(fact),
    };
  });
}
