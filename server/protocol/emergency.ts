import { z } from 'zod';
import { AlertAddress } from './address';
import { IsoDateTime } from './common';
import { PositionFix, UnitStatus } from './dispatch';

/**
 * An emergency of a unit (status 'noodgeval'): raised by the unit's NOODKNOP or set by the desk (an
 * emergency over the radio), acknowledged by a console, ended by the desk with a note and the status the
 * unit returns to. One open emergency per unit.
 */
export const Emergency = z.object({
  id: z.string(),
  unitId: z.string(),
  callsign: z.string(),
  /** 'field': the NOODKNOP; 'desk': set by hand by a dispatcher or shift lead. */
  source: z.enum(['field', 'desk']),
  /** The emergency's alert (one per emergency; its nearest address arrives with `alert.addressed`). */
  alertId: z.string().nullable(),
  /** The status the unit had when the emergency began. */
  previousStatus: UnitStatus,
  /** The unit's report when the emergency began (its accepted assignment stays). */
  reportId: z.string().nullable(),
  position: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  /** The nearest address of `position`: absent until looked up, null when none within 250 m. */
  address: AlertAddress.nullable().optional(),
  startedAt: IsoDateTime,
  startedBy: z.string().nullable(),
  /** The desk's note when set by hand. */
  startNote: z.string().nullable(),
  ackedAt: IsoDateTime.nullable(),
  ackedBy: z.string().nullable(),
  endedAt: IsoDateTime.nullable(),
  endedBy: z.string().nullable(),
  endNote: z.string().nullable(),
  returnStatus: UnitStatus.nullable(),
  /** Units asked to assist, nearest first. */
  assists: z.array(z.object({ unitId: z.string(), callsign: z.string(), distanceM: z.number().nullable(), at: IsoDateTime })),
});
export type Emergency = z.infer<typeof Emergency>;

/** An open emergency as the console shows it: with the unit's last stored fixes (oldest first). */
export const OpenEmergency = Emergency.extend({ trail: z.array(PositionFix) });
export type OpenEmergency = z.infer<typeof OpenEmergency>;

export const EmergenciesResponse = z.object({ emergencies: z.array(OpenEmergency) });
export type EmergenciesResponse = z.infer<typeof EmergenciesResponse>;

const CommandId = z.uuid();
const Note = z.string().trim().min(1).max(1000);

/** The desk puts a unit in 'noodgeval' by hand (an emergency over the radio); the note is required. */
export const EmergencySetCommand = z.object({ commandId: CommandId, unitId: z.string().min(1), note: Note });
export const EmergencyAckCommand = z.object({ emergencyId: z.string().min(1) });
/** Ends the emergency: a note (required) and the status the unit returns to. */
export const EmergencyEndCommand = z.object({ commandId: CommandId, emergencyId: z.string().min(1), note: Note, returnStatus: UnitStatus });
/** Asks the `count` nearest available units to assist at the emergency's position. */
export const EmergencyAssistCommand = z.object({ commandId: CommandId, emergencyId: z.string().min(1), count: z.number().int().min(1).max(5).default(2) });

/** What the field unit in the emergency sees: sent (not yet seen), acknowledged (a console saw it), ended. */
export const FieldEmergency = z.object({
  id: z.string(),
  state: z.enum(['sent', 'acknowledged', 'ended']),
  source: z.enum(['field', 'desk']),
  returnStatus: UnitStatus.nullable(),
});
export type FieldEmergency = z.infer<typeof FieldEmergency>;

/**
 * What a unit asked to assist sees: whom, where (address, else coordinates), how far it was, until the
 * emergency ends (`ended`). It is a request, not an offer: the unit's status does not change, it answers by radio.
 */
export const FieldAssist = z.object({
  emergencyId: z.string(),
  callsign: z.string(),
  position: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  address: z.string().nullable(),
  distanceM: z.number().nullable(),
  requestedAt: IsoDateTime,
  ended: z.boolean(),
});
export type FieldAssist = z.infer<typeof FieldAssist>;

export function fieldEmergencyOf(e: Emergency): FieldEmergency {
  const state = e.endedAt ? 'ended' : e.ackedAt ? 'acknowledged' : 'sent';
  return { id: e.id, state, source: e.source, returnStatus: e.returnStatus };
}

export function fieldAssistOf(e: Emergency, unitId: string): FieldAssist | undefined {
  const asked = e.assists.find((a) => a.unitId === unitId);
  if (!asked) return undefined;
  return {
    emergencyId: e.id,
    callsign: e.callsign,
    position: e.position,
    address: e.address?.label ?? null,
    distanceM: asked.distanceM,
    requestedAt: asked.at,
    ended: e.endedAt !== null,
  };
}
