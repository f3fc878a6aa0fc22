import type { Role } from '../protocol/auth';
import type { AlertKind } from '../protocol/dispatch';
import type { ReportStatus } from '../protocol/report';

/**
 * Alert kinds as data (pure). Per kind:
 * - audience: the console roles that see it. The hub sends an alert only to these roles (live: one socket room per
 *   role, hub/console-rooms.ts; catch-up: GET /api/events; list: GET /api/alerts) and only they may acknowledge it.
 *   Not the console alone: a role outside the audience never receives the alert at all.
 * - clears: 'ack' — stays until someone in the audience acknowledges it ("Bevestigen"); or a condition — it expires
 *   by itself when the condition holds (the hub marks it acknowledged by no one, `ackedBy` null), and `ack` says
 *   whether it may also be acknowledged by hand before that.
 * - group: alerts of a grouped kind are one line in the banner with a count (the routine "new high-priority
 *   report"), instead of one line each. Null: one line per alert.
 * - escalation: levels over time since the alert was raised (amber, red, sound), highest step reached wins;
 *   empty: no escalation here. A level the hub set itself (configurable times, sent as the alert's `escalation`,
 *   e.g. check_in_missed) wins over these steps in the console.
 * - order: the banner's order (lower first); emergencies always on top.
 * - sound: the tone a new alert of this kind plays on a console that may acknowledge it.
 *
 * Conditions (checked by the hub in the transaction that makes them true, commands/alerts.ts):
 * - report_picked_up: the report left `new` (assessed, assigned, closed) or was offered to a unit;
 * - report_left:<status>: the report's status is no longer the one that raised the alert (a proposal reviewed,
 *   a reopen request decided);
 * - message_retried: the failed citizen message was queued again;
 * - follow_up_settled: the scheduled report's follow-up is no longer pending: it left 'scheduled' or got a new date
 *   (scheduled → scheduled).
 * Adding a kind: add it to AlertKind (protocol/dispatch.ts), a row here, its text (domain/alert-text.ts) and its
 * English (renderer/shared/i18n/domainMessages.ts); the table test checks every kind has a row.
 */

export type AlertLevel = 'amber' | 'red' | 'sound';

export interface EscalationStep {
  afterSeconds: number;
  level: AlertLevel;
}

export type AlertCondition =
  | { kind: 'report_picked_up' }
  | { kind: 'report_left'; status: ReportStatus }
  | { kind: 'message_retried' }
  | { kind: 'follow_up_settled' };

export type AlertClearing = { by: 'ack' } | { by: 'condition'; condition: AlertCondition; ack: boolean };

export interface AlertKindRule {
  audience: readonly Role[];
  clears: AlertClearing;
  group: boolean;
  escalation: readonly EscalationStep[];
  order: number;
  sound: 'emergency' | 'alert' | 'none';
}

/** Everyone at a console: the desk and the police coordinator who tasks units. */
const CONSOLES: readonly Role[] = ['dispatcher', 'shift_lead', 'police_coordinator'];
/** The desk that reviews, calls citizens back and answers for delivery. */
const DESK: readonly Role[] = ['dispatcher', 'shift_lead'];

export const ALERT_KINDS: Record<AlertKind, AlertKindRule> = {
  emergency: { audience: CONSOLES, clears: { by: 'ack' }, group: false, escalation: [], order: 0, sound: 'emergency' },
  offer_declined: { audience: CONSOLES, clears: { by: 'ack' }, group: false, escalation: [], order: 10, sound: 'alert' },
  offer_expired: { audience: CONSOLES, clears: { by: 'ack' }, group: false, escalation: [], order: 11, sound: 'alert' },
  proposal_review: {
    audience: DESK,
    clears: { by: 'condition', condition: { kind: 'report_left', status: 'awaiting_review' }, ack: true },
    group: false,
    escalation: [],
    order: 20,
    sound: 'alert',
  },
  reopen_requested: {
    audience: DESK,
    clears: { by: 'condition', condition: { kind: 'report_left', status: 'reopen_requested' }, ack: true },
    group: false,
    escalation: [],
    order: 21,
    sound: 'alert',
  },
  delivery_failed: {
    audience: DESK,
    clears: { by: 'condition', condition: { kind: 'message_retried' }, ack: true },
    group: false,
    escalation: [],
    order: 30,
    sound: 'none',
  },
  // A unit did not answer "Alles in orde?": acknowledged by hand (reached by radio) or by the hub when the unit
  // answers. Its levels (amber, red, sound) are configurable settings, so the hub sets them (alert.escalation,
  // domain/safety-timers.ts, hub/safety-sweeper.ts) rather than this table.
  check_in_missed: { audience: CONSOLES, clears: { by: 'ack' }, group: false, escalation: [], order: 1, sound: 'alert' },
  // The hub offered a waiting report by itself (no desk staffed, or it waited too long): the shift lead takes it from there.
  auto_dispatched: { audience: ['shift_lead'], clears: { by: 'ack' }, group: false, escalation: [], order: 15, sound: 'alert' },
  // A citizen commented through an Open311 client app (FixMyStreet): the desk reads it on the report; acknowledged by hand.
  citizen_comment: { audience: DESK, clears: { by: 'ack' }, group: false, escalation: [], order: 21, sound: 'none' },
  // An external party answered a referral (server/commands/external-referrals.ts): the desk reviews it before it feeds
  // the citizen's message; acknowledged by hand.
  external_answered: { audience: DESK, clears: { by: 'ack' }, group: false, escalation: [], order: 22, sound: 'alert' },
  // The reporter answered the desk's question (status page), or left it unanswered past its working days: the desk
  // reads it on the report; acknowledged by hand.
  reporter_answered: { audience: DESK, clears: { by: 'ack' }, group: false, escalation: [], order: 23, sound: 'alert' },
  question_unanswered: { audience: DESK, clears: { by: 'ack' }, group: false, escalation: [], order: 24, sound: 'none' },
  // The follow-up date of a scheduled report came (hub/follow-up-job.ts): the control room's own follow-up is back in
  // the queue until someone picks it up; another team's stays scheduled and the desk asks them, until it is closed.
  follow_up_due: {
    audience: DESK,
    clears: { by: 'condition', condition: { kind: 'report_left', status: 'triaged' }, ack: true },
    group: true,
    escalation: [],
    order: 25,
    sound: 'alert',
  },
  follow_up_other: {
    audience: DESK,
    clears: { by: 'condition', condition: { kind: 'follow_up_settled' }, ack: true },
    group: false,
    escalation: [],
    order: 26,
    sound: 'none',
  },
  high_priority: {
    audience: CONSOLES,
    clears: { by: 'condition', condition: { kind: 'report_picked_up' }, ack: true },
    group: true,
    escalation: [],
    order: 40,
    sound: 'alert',
  },
};

export function alertKindRule(kind: AlertKind): AlertKindRule {
  return ALERT_KINDS[kind];
}

/** Whether a role sees alerts of this kind (and may acknowledge them: see `mayAcknowledge`). */
export function seesAlert(kind: AlertKind, role: Role): boolean {
  return ALERT_KINDS[kind]?.audience.includes(role) ?? false;
}

/** Whether a role may acknowledge an alert of this kind by hand. */
export function mayAcknowledge(kind: AlertKind, role: Role): boolean {
  const rule = ALERT_KINDS[kind];
  if (!rule?.audience.includes(role)) return false;
  return rule.clears.by === 'ack' || rule.clears.ack;
}

/** The roles that see an alert of this kind (the rooms the hub sends it to). */
export function audienceOf(kind: AlertKind): readonly Role[] {
  return ALERT_KINDS[kind]?.audience ?? [];
}

/** The escalation level reached after `ageSeconds`, or null (none yet, or the kind does not escalate). */
export function escalationLevel(rule: Pick<AlertKindRule, 'escalation'>, ageSeconds: number): AlertLevel | null {
  let level: AlertLevel | null = null;
  let reached = -1;
  for (const step of rule.escalation) {
    if (ageSeconds >= step.afterSeconds && step.afterSeconds > reached) {
      level = step.level;
      reached = step.afterSeconds;
    }
  }
  return level;
}

/** The open alerts a report's status change clears: its kind's condition holds for the report's new state. */
export function clearedByTransition(kind: AlertKind, from: ReportStatus, to: ReportStatus): boolean {
  const rule = ALERT_KINDS[kind];
  if (rule?.clears.by !== 'condition') return false;
  const c = rule.clears.condition;
  if (c.kind === 'report_picked_up') return from === 'new' && to !== 'new';
  if (c.kind === 'report_left') return from === c.status && to !== c.status;
  if (c.kind === 'follow_up_settled') return from === 'scheduled';
  return false;
}

/** Whether an offer of the report to a unit clears alerts of this kind. */
export function clearedByOffer(kind: AlertKind): boolean {
  const rule = ALERT_KINDS[kind];
  return rule?.clears.by === 'condition' && rule.clears.condition.kind === 'report_picked_up';
}

/** Whether queueing a failed message again clears alerts of this kind. */
export function clearedByRetry(kind: AlertKind): boolean {
  const rule = ALERT_KINDS[kind];
  return rule?.clears.by === 'condition' && rule.clears.condition.kind === 'message_retried';
}

/** A banner line: one alert, or a group of alerts of a grouped kind with their count (newest first). */
export interface AlertLine<A> {
  kind: AlertKind;
  alerts: A[];
}

/**
 * The banner's lines: alerts of a grouped kind become one line with all of them, the rest one line each;
 * ordered by the kinds' `order`, then newest first (a group by its newest alert).
 */
export function alertLines<A extends { kind: AlertKind; createdAt: string }>(alerts: readonly A[]): AlertLine<A>[] {
  const sorted = [...alerts].sort(
    (a, b) => (ALERT_KINDS[a.kind]?.order ?? 99) - (ALERT_KINDS[b.kind]?.order ?? 99) || b.createdAt.localeCompare(a.createdAt),
  );
  const lines: AlertLine<A>[] = [];
  const groups = new Map<AlertKind, AlertLine<A>>();
  for (const alert of sorted) {
    if (!ALERT_KINDS[alert.kind]?.group) {
      lines.push({ kind: alert.kind, alerts: [alert] });
      continue;
    }
    const group = groups.get(alert.kind);
    if (group) group.alerts.push(alert);
    else {
      const line = { kind: alert.kind, alerts: [alert] };
      groups.set(alert.kind, line);
      lines.push(line);
    }
  }
  return lines;
}
