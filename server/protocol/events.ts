import { z } from 'zod';
import { IsoDateTime } from './common';
import { Report } from './report';

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

/** Every event carries the full snapshot of what it changed, so applying it is idempotent. */
export const HubEvent = z.discriminatedUnion('type', [ReportCreatedEvent, ReportUpdatedEvent]);
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
