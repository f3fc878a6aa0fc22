import { z } from 'zod';
import { DomainText, IsoDateTime } from './common';
import { Priority } from './report';
import { AlertAddress } from './address';
import { FindingPhoto, MAX_FINDING_PHOTOS } from './photos';

export const UnitKind = z.enum(['boa_domein_1', 'toezicht_parkeren', 'toezicht_afval_fietsen']);
export type UnitKind = z.infer<typeof UnitKind>;

export const UnitStatus = z.enum(['beschikbaar', 'aangeboden', 'onderweg', 'ter_plaatse', 'bezet', 'pauze', 'uit_dienst', 'noodgeval']);
export type UnitStatus = z.infer<typeof UnitStatus>;

export const PositionFix = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  /** Metres. */
  accuracy: z.number().min(0).max(100_000),
  /** Degrees from north, or null when standing still / unknown. */
  heading: z.number().min(0).max(360).nullable(),
  /** When the device took the fix. */
  at: IsoDateTime,
});
export type PositionFix = z.infer<typeof PositionFix>;

export const Unit = z.object({
  id: z.string(),
  callsign: z.string(),
  kind: UnitKind,
  officerCount: z.number().int().min(1).max(2),
  status: UnitStatus,
  statusSince: IsoDateTime,
  /** The report the unit is offered, travelling to or working on. */
  currentReportId: z.string().nullable(),
  position: PositionFix.nullable(),
  version: z.number().int(),
});
export type Unit = z.infer<typeof Unit>;

export const AssignmentState = z.enum(['offered', 'accepted', 'declined', 'expired', 'withdrawn', 'completed']);
export type AssignmentState = z.infer<typeof AssignmentState>;

export const Assignment = z.object({
  id: z.string(),
  reportId: z.string(),
  unitId: z.string(),
  state: AssignmentState,
  offeredAt: IsoDateTime,
  expiresAt: IsoDateTime,
  respondedAt: IsoDateTime.nullable(),
  offeredBy: z.string().nullable(),
});
export type Assignment = z.infer<typeof Assignment>;

/** What a field unit sees of a report: no reporter contact details, no internal notes. */
export const FieldReport = z.object({
  id: z.string(),
  number: z.string(),
  category: z.string(),
  lat: z.number(),
  lng: z.number(),
  address: z.string().nullable(),
  description: z.string(),
  priority: Priority,
  status: z.string(),
});
export type FieldReport = z.infer<typeof FieldReport>;

export const Recommendation = z.object({
  unitId: z.string(),
  callsign: z.string(),
  kind: UnitKind,
  status: UnitStatus,
  distanceMeters: z.number().nullable(),
  positionAgeSeconds: z.number().nullable(),
  load: z.number().int(),
  taskedToArea: z.boolean(),
  score: z.number(),
  reasons: z.array(z.string()),
  /** `reasons` as coded texts, in the same order. */
  reasonTexts: z.array(DomainText),
});
export type Recommendation = z.infer<typeof Recommendation>;

/** Every command that changes state carries a client-made id, so a retried command is applied once. */
const CommandId = z.uuid();

export const OfferCommand = z.object({
  commandId: CommandId,
  reportId: z.string().min(1),
  unitIds: z.array(z.string().min(1)).min(1).max(5),
  timeoutSeconds: z.number().int().min(10).max(600).optional(),
  /** Offer although every slot of the report is filled ("Extra eenheid"); without it such an offer is refused. */
  extra: z.boolean().optional(),
});
export const OfferAnswerCommand = z.object({ commandId: CommandId, assignmentId: z.string().min(1) });
export const UnassignCommand = z.object({ commandId: CommandId, assignmentId: z.string().min(1), reason: z.string().max(500).optional() });
export const UnitStatusCommand = z.object({ commandId: CommandId, status: UnitStatus, unitId: z.string().optional(), position: PositionFix.optional() });
export const FindingCommand = z.object({
  commandId: CommandId,
  reportId: z.string().min(1),
  /** Validated by the domain (Dutch field errors), as in the console. */
  resolution: z.unknown(),
  /** One photo without a mark (older field clients). */
  photoId: z.string().optional(),
  /** The photos sent with the finding, each marked before or after (protocol/photos.ts). */
  photos: z.array(FindingPhoto).max(MAX_FINDING_PHOTOS).optional(),
});
export const EmergencyCommand = z.object({ commandId: CommandId, position: PositionFix.optional() });
export const AlertAckCommand = z.object({ alertId: z.string().min(1) });

/** Who sees each kind, how it clears, grouping and escalation: server/domain/alert-kinds.ts. */
export const AlertKind = z.enum([
  'high_priority',
  'offer_declined',
  'offer_expired',
  'emergency',
  'proposal_review',
  'reopen_requested',
  'delivery_failed',
  'check_in_missed',
  // The hub offered a waiting report by itself (hub/auto-dispatch.ts): for the shift lead.
  'auto_dispatched',
  // A citizen commented on a report through an Open311 client (servicerequestupdates, http/open311/updates-routes.ts).
  'citizen_comment',
  // A scheduled report's follow-up date (hub/follow-up-job.ts): back in the queue (own), or ask the other team.
  'follow_up_due',
  'follow_up_other',
  // The reporter answered the desk's question on the status page; a question unanswered in time (commands/reporter-question.ts).
  'reporter_answered',
  'question_unanswered',
  // An external party answered a referral through its link (commands/external-referrals.ts): for the desk to review.
  'external_answered',
]);
export type AlertKind = z.infer<typeof AlertKind>;
export const Alert = z.object({
  id: z.string(),
  kind: AlertKind,
  reportId: z.string().nullable(),
  unitId: z.string().nullable(),
  message: z.string(),
  /** `message` as a coded text (server/domain/alert-text.ts). */
  text: DomainText.optional(),
  createdAt: IsoDateTime,
  ackedAt: IsoDateTime.nullable(),
  ackedBy: z.string().nullable(),
  position: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  /**
   * The nearest address of `position`, looked up after the alert was raised (an `alert.addressed` event brings it):
   * absent until then, null when none lies within 250 m or the address source failed.
   */
  address: AlertAddress.nullable().optional(),
  /** The level the hub escalated this alert to as time passed (check_in_missed: domain/safety-timers.ts); absent: none. */
  escalation: z.enum(['amber', 'red', 'sound']).optional(),
});
export type Alert = z.infer<typeof Alert>;

export const FocusArea = z.object({
  id: z.string(),
  name: z.string().min(1).max(120),
  /** GeoJSON Polygon coordinates: rings of [lng, lat], WGS84 degrees. */
  polygon: z.array(z.array(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])).min(1)).min(1),
  instructions: z.string().max(2000),
  publicText: z.string().max(1000).nullable(),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
});
export type FocusArea = z.infer<typeof FocusArea>;

export const TaskingEntry = z.object({
  id: z.string(),
  /** YYYY-MM-DD, a date that exists in the calendar. */
  date: z.iso.date(),
  unitId: z.string(),
  areaId: z.string(),
  shift: z.enum(['vroeg', 'laat', 'nacht']),
});
export type TaskingEntry = z.infer<typeof TaskingEntry>;
