import { z } from 'zod';
import { IsoDateTime } from './common';
import { Outcome, Report, ReportStatus } from './report';
import { Alert, Assignment, Unit } from './dispatch';
import { Emergency } from './emergency';
import { CheckIn, PriorityTraffic } from './safety';
import { Resolution } from './resolution';
import { ReporterQuestion } from './reporter-question';
import { AuthThrottleFields } from './throttles';
import { RetentionAppliedFields } from './retention';

const EventBase = z.object({
  seq: z.number().int().positive(),
  at: IsoDateTime,
  actorId: z.string().nullable(),
});

export const ReportCreatedEvent = EventBase.extend({
  type: z.literal('report.created'),
  report: Report,
});

export const ReportUpdatedEvent = EventBase.extend({
  type: z.literal('report.updated'),
  report: Report,
});

export const ReportTransitionedEvent = EventBase.extend({
  type: z.literal('report.transitioned'),
  report: Report,
  from: ReportStatus,
  to: ReportStatus,
  outcome: Outcome.nullable(),
  /** The resolution proposed or confirmed with this step, if any. */
  resolution: Resolution.nullable(),
  resolutionState: z.enum(['proposed', 'confirmed']).nullable(),
  /** The reopen decision's explanation to the citizen, or the citizen's comment. */
  note: z.string().nullable(),
  messages: z.number().int().min(0),
  /** The citizen message of this step is the dispatcher's own edit of the composed text (the KPIs count it); absent in older events. */
  messageEdited: z.boolean().optional(),
});

export const ReportDeliveryEvent = EventBase.extend({
  type: z.literal('report.delivery'),
  report: Report,
  messageId: z.string(),
  status: z.enum(['queued', 'sent', 'failed']),
});

export const CitizenResponseEvent = EventBase.extend({
  type: z.literal('report.citizen_response'),
  report: Report,
  satisfied: z.boolean(),
  comment: z.string().nullable(),
});

/** A question to the reporter asked, answered (status page) or ended unanswered; `note` is the question or the answer. */
export const ReporterQuestionEvent = EventBase.extend({
  type: z.literal('report.question'),
  report: Report,
  step: z.enum(['asked', 'answered', 'expired']),
  question: ReporterQuestion,
  note: z.string().nullable(),
});

/** The desk referred the report to an external party, revoked that link, or the party answered (commands/external-referrals.ts). */
export const ExternalReferralEvent = EventBase.extend({
  type: z.literal('report.external'),
  report: Report,
  change: z.enum(['referred', 'revoked', 'answered']),
  referralId: z.string(),
  party: z.string(),
});

/** The desk approved a photo for the citizen (the photo of the fix) or withdrew that approval (commands/photos.ts). */
export const ReportPhotoEvent = EventBase.extend({
  type: z.literal('report.photo'),
  report: Report,
  change: z.enum(['approved', 'withdrawn']),
  photoId: z.string(),
});

export const UnitUpdatedEvent = EventBase.extend({
  type: z.literal('unit.updated'),
  unit: Unit,
});

export const AssignmentUpdatedEvent = EventBase.extend({
  type: z.literal('assignment.updated'),
  assignment: Assignment,
  unit: Unit,
  report: Report,
});

/**
 * `alert.addressed`: the alert's nearest address arrived after it was raised (replace the alert; no new alarm).
 * `alert.escalated`: the hub raised the alert's `escalation` level (amber → red → sound; replace the alert).
 */
export const AlertEvent = EventBase.extend({
  type: z.enum(['alert.raised', 'alert.acked', 'alert.addressed', 'alert.escalated']),
  alert: Alert,
});

/** A unit's emergency began, was acknowledged, got its address, asked units to assist, or ended (the whole emergency). */
export const EmergencyEvent = EventBase.extend({
  type: z.literal('emergency.updated'),
  change: z.enum(['started', 'acked', 'addressed', 'assist', 'ended']),
  emergency: Emergency,
});

export const TaskingUpdatedEvent = EventBase.extend({
  type: z.literal('tasking.updated'),
  date: z.string(),
});

/** Signals were imported or received: consoles reload the signal layer and hotspots. */
export const SignalsChangedEvent = EventBase.extend({
  type: z.literal('signals.changed'),
  count: z.number().int().min(0),
});

/** A batch of the retention job (AVG): what kind of data of which reports was erased, or which were deleted. */
export const RetentionAppliedEvent = EventBase.extend(RetentionAppliedFields);

/** Sign-in for a user and address (or an address) was blocked after too many misses, or the block was lifted. */
export const AuthThrottleEvent = EventBase.extend(AuthThrottleFields);

/** A unit was asked "Alles in orde?", answered, or the request ended (domain/safety-timers.ts). */
export const CheckInEvent = EventBase.extend({
  type: z.literal('unit.check_in'),
  checkIn: CheckIn,
});

/** A spoedmelding declared (with the units the hub sent it to) or lifted (domain/priority-traffic.ts). */
export const PriorityTrafficEvent = EventBase.extend({
  type: z.enum(['priority_traffic.declared', 'priority_traffic.lifted']),
  traffic: PriorityTraffic,
  recipients: z.array(z.string()),
});

/**
 * `hidden`: an event the receiving role may not see (an alert outside its kind's audience, domain/alert-kinds.ts),
 * kept in its stream as its seq only, so the console's event stream has no gap to fill (apply: nothing).
 */
export const HiddenEvent = EventBase.extend({ type: z.literal('hidden') });

/** Every event carries the full snapshot of what it changed, so applying it is idempotent. */
export const HubEvent = z.discriminatedUnion('type', [
  ReportCreatedEvent,
  ReportUpdatedEvent,
  ReportTransitionedEvent,
  ReportDeliveryEvent,
  CitizenResponseEvent,
  ExternalReferralEvent,
  ReporterQuestionEvent,
  ReportPhotoEvent,
  UnitUpdatedEvent,
  AssignmentUpdatedEvent,
  AlertEvent,
  EmergencyEvent,
  CheckInEvent,
  PriorityTrafficEvent,
  TaskingUpdatedEvent,
  SignalsChangedEvent,
  AuthThrottleEvent,
  RetentionAppliedEvent,
  HiddenEvent,
]);
export type HubEvent = z.infer<typeof HubEvent>;
export type HubEventType = HubEvent['type'];

export const EventsQuery = z.object({
  after: z.coerce.number().int().min(0),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

export const EventsPage = z.object({
  events: z.array(HubEvent),
  /** Highest seq in the log when the page was read. */
  latestSeq: z.number().int().min(0),
  hasMore: z.boolean(),
});
export type EventsPage = z.infer<typeof EventsPage>;

/** The report snapshot an event carries, if it is about a report. */
export function reportOf(event: HubEvent): Report | null {
  return 'report' in event ? event.report : null;
}
