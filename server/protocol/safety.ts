import { z } from 'zod';
import { IsoDateTime } from './common';

/** Officer safety: check-in requests (domain/safety-timers.ts) and area warnings (domain/priority-traffic.ts). */

export const CheckIn = z.object({
  id: z.string(),
  unitId: z.string(),
  requestedAt: IsoDateTime,
  answeredAt: IsoDateTime.nullable(),
  cancelledAt: IsoDateTime.nullable(),
  /** 0 none yet, 1 amber, 2 red, 3 sound. */
  level: z.number().int().min(0).max(3),
});
export type CheckIn = z.infer<typeof CheckIn>;

export const PriorityTraffic = z.object({
  id: z.string(),
  areaId: z.string(),
  areaName: z.string(),
  /** GeoJSON Polygon coordinates of the area: rings of [lng, lat]. */
  polygon: z.array(z.array(z.tuple([z.number(), z.number()]))),
  text: z.string(),
  declaredAt: IsoDateTime,
  declaredBy: z.string().nullable(),
  liftedAt: IsoDateTime.nullable(),
  liftedBy: z.string().nullable(),
});
export type PriorityTraffic = z.infer<typeof PriorityTraffic>;

const CommandId = z.uuid();

export const CheckInAnswerCommand = z.object({ commandId: CommandId, checkInId: z.string().min(1) });
export const DeclarePriorityTrafficCommand = z.object({
  commandId: CommandId,
  areaId: z.string().min(1),
  text: z.string().trim().min(1).max(500),
});
export const LiftPriorityTrafficCommand = z.object({ commandId: CommandId });

export const PriorityTrafficList = z.object({ traffic: z.array(PriorityTraffic) });
export type PriorityTrafficList = z.infer<typeof PriorityTrafficList>;

/** The shift times and safety settings consoles and field clients need (server/config.ts). */
export const SafetyClientConfig = z.object({
  shifts: z.object({ vroeg: z.string(), laat: z.string(), nacht: z.string(), timeZone: z.string() }),
  noFixMinutes: z.number(),
});
export type SafetyClientConfig = z.infer<typeof SafetyClientConfig>;

/** The hub's view, on its clock: open check-in requests, and the units on duty without a recent fix ("geen positie"). */
export const SafetyStatus = z.object({
  serverTime: IsoDateTime,
  checkIns: z.array(CheckIn),
  positionMissing: z.array(z.string()),
});
export type SafetyStatus = z.infer<typeof SafetyStatus>;
