import type { HubEvent } from '../protocol/events';

/**
 * The KPI steps of the event log (issue 14 point 2): the moments the shift lead's figures are measured between,
 * taken from each event as it is appended (store/events.ts) and, for the log written before, by migration 0038.
 * Pure: one event in, zero or more steps out; no lookups, so a step never depends on what came before it.
 *
 * Rules:
 * - `offered`: an assignment offered (assignment.updated, state offered), at its offer time. The report's first
 *   offer ends its queue time (created → first offer; store/stats.ts takes the earliest).
 * - `accepted`: an offer accepted, at the answer; `ms` is the dispatch time (offer → accepted), `unitKind` the team.
 * - `onderweg` / `ter_plaatse`: a unit's status became that (its statusSince is the event's time) with a report;
 *   travel is onderweg → ter plaatse of the same unit and report.
 * - `unit_free`: a unit without a report (freed, or any later change while it has none); on scene is ter plaatse →
 *   the unit's first `unit_free` after it.
 * - `closed`: the report closed; `ms` created → closed, `withinTerm` 1/0 against its deadline (null without one),
 *   `edited` 1/0 whether the closing message was the dispatcher's own edit (null when no message went out),
 *   `hasReporter` 1/0 whether a reporter could be asked for satisfaction (not after a referral: another party solves it).
 * - `scheduled`: the report was scheduled; `day` is its follow-up date (YYYY-MM-DD).
 * - `reopen_requested`: the citizen asked to reopen.
 * - `delivery_failed`: a message to the reporter failed for good (report.delivery, failed).
 */

export const KPI_STEP_KINDS = [
  'offered',
  'accepted',
  'onderweg',
  'ter_plaatse',
  'unit_free',
  'closed',
  'scheduled',
  'reopen_requested',
  'delivery_failed',
] as const;
export type KpiStepKind = (typeof KPI_STEP_KINDS)[number];

export interface KpiStep {
  seq: number;
  kind: KpiStepKind;
  reportId: string | null;
  unitId: string | null;
  /** ISO instant. */
  at: string;
  ms: number | null;
  unitKind: string | null;
  day: string | null;
  withinTerm: 0 | 1 | null;
  edited: 0 | 1 | null;
  hasReporter: 0 | 1 | null;
}

/** The event as the log holds it: the transitioned event may say whether the message was the dispatcher's edit. */
type LoggedEvent = HubEvent & { messageEdited?: boolean };

function step(seq: number, kind: KpiStepKind, at: string, fields: Partial<Omit<KpiStep, 'seq' | 'kind' | 'at'>> = {}): KpiStep {
  return {
    seq,
    kind,
    at,
    reportId: fields.reportId ?? null,
    unitId: fields.unitId ?? null,
    ms: fields.ms ?? null,
    unitKind: fields.unitKind ?? null,
    day: fields.day ?? null,
    withinTerm: fields.withinTerm ?? null,
    edited: fields.edited ?? null,
    hasReporter: fields.hasReporter ?? null,
  };
}

function flag(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}

function between(from: string, to: string): number | null {
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

/** The KPI steps of one logged event (see the rules above). */
export function kpiStepsOf(event: LoggedEvent): KpiStep[] {
  const { seq } = event;
  switch (event.type) {
    case 'assignment.updated': {
      const a = event.assignment;
      const ids = { reportId: a.reportId, unitId: a.unitId, unitKind: event.unit.kind };
      if (a.state === 'offered') return [step(seq, 'offered', a.offeredAt, ids)];
      if (a.state === 'accepted' && a.respondedAt) return [step(seq, 'accepted', a.respondedAt, { ...ids, ms: between(a.offeredAt, a.respondedAt) })];
      return [];
    }
    case 'unit.updated': {
      const u = event.unit;
      if (u.currentReportId === null) return [step(seq, 'unit_free', event.at, { unitId: u.id, unitKind: u.kind })];
      const changedNow = u.statusSince === event.at;
      if (changedNow && (u.status === 'onderweg' || u.status === 'ter_plaatse')) {
        return [step(seq, u.status, event.at, { reportId: u.currentReportId, unitId: u.id, unitKind: u.kind })];
      }
      return [];
    }
    case 'report.transitioned': {
      const r = event.report;
      if (event.to === 'closed') {
        const deadline = r.slaDeadline ? Date.parse(r.slaDeadline) : Number.NaN;
        return [
          step(seq, 'closed', event.at, {
            reportId: r.id,
            ms: between(r.createdAt, event.at),
            withinTerm: Number.isFinite(deadline) ? flag(Date.parse(event.at) <= deadline) : null,
            edited: event.messages > 0 ? flag(event.messageEdited === true) : null,
            // A referred report is not asked (domain/citizen-view.ts): it must not lower the response rate.
            hasReporter: flag(r.reporterCount > 0 && event.outcome !== 'referred'),
          }),
        ];
      }
      if (event.to === 'scheduled') return [step(seq, 'scheduled', event.at, { reportId: r.id, day: r.followUpDate })];
      if (event.to === 'reopen_requested') return [step(seq, 'reopen_requested', event.at, { reportId: r.id })];
      return [];
    }
    case 'report.delivery':
      return event.status === 'failed' ? [step(seq, 'delivery_failed', event.at, { reportId: event.report.id })] : [];
    default:
      return [];
  }
}
