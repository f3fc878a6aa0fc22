import type { Ack } from './common';
import type { HubEvent } from './events';
import type { Alert, Assignment, FieldReport, FocusArea, PositionFix, Recommendation, TaskingEntry, Unit } from './dispatch';
import type { Emergency, FieldAssist, FieldEmergency } from './emergency';
import type { Report } from './report';
import type { CheckIn, PriorityTraffic } from './safety';
import type { Worklist } from './report-context';

/** Socket.IO namespace for control-room consoles: live events, and dispatch commands with acks (reports are created and transitioned over HTTP). */
export const CONSOLE_NAMESPACE = '/console';

export interface ConsoleClientToServer {
  'unit:recommend': (input: { reportId: string }, ack: (result: Ack<Recommendation[]>) => void) => void;
  'offer:create': (input: { commandId: string; reportId: string; unitIds: string[]; timeoutSeconds?: number }, ack: (result: Ack<Assignment[]>) => void) => void;
  'assignment:unassign': (input: { commandId: string; assignmentId: string; reason?: string }, ack: (result: Ack<Assignment>) => void) => void;
  'unit:status': (input: { commandId: string; unitId: string; status: Unit['status'] }, ack: (result: Ack<Unit>) => void) => void;
  'alert:ack': (input: { alertId: string }, ack: (result: Ack<Alert>) => void) => void;
  'emergency:set': (input: { commandId: string; unitId: string; note: string }, ack: (result: Ack<Emergency>) => void) => void;
  'emergency:ack': (input: { emergencyId: string }, ack: (result: Ack<Emergency>) => void) => void;
  'emergency:end': (input: { commandId: string; emergencyId: string; note: string; returnStatus: Unit['status'] }, ack: (result: Ack<Emergency>) => void) => void;
  'emergency:assist': (input: { commandId: string; emergencyId: string; count?: number }, ack: (result: Ack<Emergency>) => void) => void;
}

/** Socket.IO namespace for field units (BOAs, inspectors): only their own unit's work. */
export const FIELD_NAMESPACE = '/field';

export interface FieldAssignment {
  assignment: Assignment;
  report: FieldReport;
}

export interface FieldState {
  unit: Unit;
  assignments: FieldAssignment[];
  tasking: { entry: TaskingEntry; area: FocusArea }[];
  serverTime: string;
  /** The unit's open "Alles in orde?" request, and the spoedmeldingen that concern it (hub/safety-field.ts). */
  checkIn?: CheckIn | null;
  priorityTraffic?: PriorityTraffic[];
  /** The unit's open emergency (optional: older hubs leave it out). */
  emergency?: FieldEmergency | null;
  /** Open emergencies of other units this unit was asked to assist. */
  assists?: FieldAssist[];
}

export type FieldEvent =
  | { type: 'assignment'; assignment: Assignment; report: FieldReport }
  | { type: 'unit'; unit: Unit }
  | { type: 'tasking' }
  /** "Alles in orde?" asked, escalated, answered or ended (domain/safety-timers.ts). */
  | { type: 'check_in'; checkIn: CheckIn }
  /** A spoedmelding that concerns this unit (domain/priority-traffic.ts), and its lifting (sent to every unit). */
  | { type: 'priority_traffic'; traffic: PriorityTraffic }
  | { type: 'priority_traffic_lifted'; id: string }
  | { type: 'emergency'; emergency: FieldEmergency }
  | { type: 'assist'; assist: FieldAssist }
  /** A low-priority report was offered, taken or freed: worklists may have changed (fetch again). */
  | { type: 'worklist' };

export interface FieldClientToServer {
  'field:state': (input: Record<string, never>, ack: (result: Ack<FieldState>) => void) => void;
  'offer:accept': (input: { commandId: string; assignmentId: string }, ack: (result: Ack<Assignment>) => void) => void;
  'offer:decline': (input: { commandId: string; assignmentId: string }, ack: (result: Ack<Assignment>) => void) => void;
  'unit:status': (input: { commandId: string; status: Unit['status']; position?: PositionFix }, ack: (result: Ack<Unit>) => void) => void;
  'finding:submit': (
    input: { commandId: string; reportId: string; resolution: unknown; photoId?: string; photos?: { photoId: string; kind: 'before' | 'after' }[] },
    ack: (result: Ack<Report>) => void,
  ) => void;
  emergency: (input: { commandId: string; position?: PositionFix }, ack: (result: Ack<Alert>) => void) => void;
  /** "Alles in orde": the answer to a check-in request; the safety timer starts again. */
  'check_in:answer': (input: { commandId: string; checkInId: string }, ack: (result: Ack<CheckIn>) => void) => void;
  /** The unit's worklist (looplijst), ordered by the hub; taking one is the accept flow for the unit itself. */
  'worklist:get': (input: { position?: PositionFix }, ack: (result: Ack<Worklist>) => void) => void;
  'worklist:take': (input: { commandId: string; reportId: string }, ack: (result: Ack<Assignment>) => void) => void;
  /** Volatile and rate limited: no ack, an excess fix is dropped. */
  position: (fix: PositionFix) => void;
}

export interface FieldServerToClient {
  'field:event': (event: FieldEvent) => void;
}

export interface ConsoleServerToClient {
  event: (event: HubEvent) => void;
  /** Latest fixes, batched about once a second; volatile (a lost batch is replaced by the next). */
  'units:positions': (fixes: UnitFix[]) => void;
}

export type UnitFix = PositionFix & { unitId: string };

export interface HubInterServer {
  ping: () => void;
}

export type ClientCommandName = keyof ConsoleClientToServer;
