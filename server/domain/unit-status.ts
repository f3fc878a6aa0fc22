import type { UnitStatus } from '../protocol/dispatch';
import { ACTOR_LABELS, type Actor } from './lifecycle';

/**
 * Who changes a unit's status: the unit itself from the field client, the desk, the
 * police coordinator, or the hub itself (offers, answers, timeouts, a report that ends).
 */
export type UnitActor = Extract<Actor, 'field' | 'dispatcher' | 'shift_lead' | 'police_coordinator' | 'system'>;

export const UNIT_ACTORS: readonly UnitActor[] = ['field', 'dispatcher', 'shift_lead', 'police_coordinator', 'system'];

export const UNIT_STATUSES: readonly UnitStatus[] = [
  'beschikbaar',
  'aangeboden',
  'onderweg',
  'ter_plaatse',
  'bezet',
  'pauze',
  'uit_dienst',
];

export const UNIT_STATUS_LABELS: Readonly<Record<UnitStatus, string>> = {
  beschikbaar: 'Beschikbaar',
  aangeboden: 'Aangeboden',
  onderweg: 'Onderweg',
  ter_plaatse: 'Ter plaatse',
  bezet: 'Bezet',
  pauze: 'Pauze',
  uit_dienst: 'Uit dienst',
};

export interface UnitTransition {
  from: UnitStatus;
  to: UnitStatus;
  actors: readonly UnitActor[];
  /** Button text (field client, units board) or the name of the automatic step. */
  label: string;
  /** For steps only the hub takes: what triggers it (used in the refusal message). */
  via?: string;
}

/** The unit itself and the desk. The shift lead can do everything the dispatcher can. */
const UNIT_AND_DESK: readonly UnitActor[] = ['field', 'dispatcher', 'shift_lead'];
/** Taking a unit off a report is tasking, as in the report lifecycle (dispatched -> triaged). */
const UNASSIGN: readonly UnitActor[] = ['dispatcher', 'shift_lead', 'police_coordinator', 'system'];
const OFFER = 'een aanbod vanuit een melding';
const ANSWER = 'het antwoord op het aanbod of het verlopen ervan';

/**
 * Unit statuses. Anything not listed here is forbidden, including staying in the same
 * status. Rules behind the table:
 * - Only 'beschikbaar' can be offered a report; 'aangeboden' is entered and left only by
 *   the hub (offer, accept, decline, timeout, withdrawal), so a unit is never "onderweg"
 *   to a report without a recorded, accepted offer.
 * - A unit goes off duty only from 'beschikbaar' or 'pauze': whoever still holds a
 *   report (onderweg, ter plaatse, bezet) first reports free, so no report is left
 *   hanging on a unit that has gone home.
 * - 'bezet' means busy and not available for offers: on the unit's own initiative while
 *   on patrol (e.g. a situation it came across), or after the scene (e.g. writing a fine,
 *   taking a bicycle away). From there it may go back to the scene.
 * - Taking a unit off its report (ontkoppelen) is the desk's or the police coordinator's
 *   call, or the hub's when the report is closed or handed back. From the scene
 *   ('ter_plaatse', 'bezet') the unit itself also reports free.
 * - The police coordinator tasks units (areas, shifts) and may unassign, but does not
 *   operate a unit's day-to-day status.
 */
export const UNIT_TRANSITIONS: readonly UnitTransition[] = [
  // Shift
  { from: 'uit_dienst', to: 'beschikbaar', actors: UNIT_AND_DESK, label: 'Dienst starten' },
  { from: 'beschikbaar', to: 'uit_dienst', actors: UNIT_AND_DESK, label: 'Dienst beëindigen' },
  { from: 'pauze', to: 'uit_dienst', actors: UNIT_AND_DESK, label: 'Dienst beëindigen' },
  { from: 'beschikbaar', to: 'pauze', actors: UNIT_AND_DESK, label: 'Pauze' },
  { from: 'pauze', to: 'beschikbaar', actors: UNIT_AND_DESK, label: 'Einde pauze' },
  // Own initiative while on patrol
  { from: 'beschikbaar', to: 'bezet', actors: UNIT_AND_DESK, label: 'Bezet' },
  // Offers: only the hub
  { from: 'beschikbaar', to: 'aangeboden', actors: ['system'], label: 'Aanbieden', via: OFFER },
  { from: 'aangeboden', to: 'onderweg', actors: ['system'], label: 'Aanbod geaccepteerd', via: ANSWER },
  {
    from: 'aangeboden',
    to: 'beschikbaar',
    actors: ['system'],
    label: 'Aanbod afgewezen, verlopen of ingetrokken',
    via: ANSWER,
  },
  // On the way and at the scene
  { from: 'onderweg', to: 'ter_plaatse', actors: UNIT_AND_DESK, label: 'Ter plaatse' },
  { from: 'onderweg', to: 'beschikbaar', actors: UNASSIGN, label: 'Ontkoppelen' },
  { from: 'ter_plaatse', to: 'bezet', actors: UNIT_AND_DESK, label: 'Bezet' },
  { from: 'ter_plaatse', to: 'beschikbaar', actors: [...UNIT_AND_DESK, 'police_coordinator', 'system'], label: 'Vrij melden' },
  { from: 'bezet', to: 'ter_plaatse', actors: UNIT_AND_DESK, label: 'Terug ter plaatse' },
  { from: 'bezet', to: 'beschikbaar', actors: [...UNIT_AND_DESK, 'police_coordinator', 'system'], label: 'Vrij melden' },
];

export type UnitTransitionErrorCode = 'unchanged' | 'transition_not_allowed' | 'actor_not_allowed';

export type UnitTransitionCheck = { ok: true } | { ok: false; code: UnitTransitionErrorCode; message: string };

export interface UnitTransitionRequest {
  from: UnitStatus;
  to: UnitStatus;
  actor: UnitActor;
}

export function findUnitTransition(from: UnitStatus, to: UnitStatus): UnitTransition | undefined {
  return UNIT_TRANSITIONS.find((t) => t.from === from && t.to === to);
}

export function checkUnitTransition({ from, to, actor }: UnitTransitionRequest): UnitTransitionCheck {
  if (from === to) {
    return fail('unchanged', `De eenheid staat al op "${UNIT_STATUS_LABELS[from]}".`);
  }
  const transition = findUnitTransition(from, to);
  if (!transition) {
    return fail(
      'transition_not_allowed',
      `Een eenheid met status "${UNIT_STATUS_LABELS[from]}" kan niet naar "${UNIT_STATUS_LABELS[to]}".`,
    );
  }
  if (!transition.actors.includes(actor)) {
    const message = transition.via
      ? `De stap "${transition.label}" zet het systeem zelf, via ${transition.via}.`
      : `Als ${ACTOR_LABELS[actor]} mag u de stap "${transition.label}" niet zetten.`;
    return fail('actor_not_allowed', message);
  }
  return { ok: true };
}

function fail(code: UnitTransitionErrorCode, message: string): UnitTransitionCheck {
  return { ok: false, code, message };
}

/** The transitions an actor may start from a status (for status buttons). */
export function allowedUnitTransitions(from: UnitStatus, actor: UnitActor): UnitTransition[] {
  return UNIT_TRANSITIONS.filter((t) => t.from === from && t.actors.includes(actor));
}

/** Only an available unit can be offered a report. */
export function isAvailableForOffer(status: UnitStatus): boolean {
  return status === 'beschikbaar';
}

/** On duty: everything but 'uit_dienst' (a unit on a break is still on duty). */
export function isOnDuty(status: UnitStatus): boolean {
  return status !== 'uit_dienst';
}
