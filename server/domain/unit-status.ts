import type { Role } from '../protocol/auth';
import type { UnitStatus } from '../protocol/dispatch';
import { type DomainText, textMaker } from './domain-text';
import { type Actor, actorText } from './lifecycle';

/**
 * Who changes a unit's status: the unit itself from the field client, the desk, the
 * police coordinator, or the hub itself (offers, answers, timeouts, a report that ends).
 */
export type UnitActor = Extract<Actor, 'field' | 'dispatcher' | 'shift_lead' | 'police_coordinator' | 'system'>;

export const UNIT_ACTORS: readonly UnitActor[] = ['field', 'dispatcher', 'shift_lead', 'police_coordinator', 'system'];

/** The role as a unit actor, or undefined for a role that does not steer units (an administrator). */
export function unitActorOf(role: Role): UnitActor | undefined {
  return UNIT_ACTORS.find((actor) => actor === role);
}

export const UNIT_STATUSES: readonly UnitStatus[] = [
  'beschikbaar',
  'aangeboden',
  'onderweg',
  'ter_plaatse',
  'bezet',
  'pauze',
  'uit_dienst',
  'noodgeval',
];

/** Dutch texts of unit statuses, steps and refusals, by code (see domain-text.ts). */
export const UNIT_TEXTS = {
  'unit.status.beschikbaar': 'Beschikbaar',
  'unit.status.aangeboden': 'Aangeboden',
  'unit.status.onderweg': 'Onderweg',
  'unit.status.ter_plaatse': 'Ter plaatse',
  'unit.status.bezet': 'Bezet',
  'unit.status.pauze': 'Pauze',
  'unit.status.uit_dienst': 'Uit dienst',
  'unit.status.noodgeval': 'Noodgeval',
  'unit.step.start_shift': 'Dienst starten',
  'unit.step.end_shift': 'Dienst beëindigen',
  'unit.step.break': 'Pauze',
  'unit.step.end_break': 'Einde pauze',
  'unit.step.busy': 'Bezet',
  'unit.step.offer': 'Aanbieden',
  'unit.step.offer_accepted': 'Aanbod geaccepteerd',
  'unit.step.offer_ended': 'Aanbod afgewezen, verlopen of ingetrokken',
  'unit.step.on_scene': 'Ter plaatse',
  'unit.step.unassign': 'Ontkoppelen',
  'unit.step.free': 'Vrij melden',
  'unit.step.back_on_scene': 'Terug ter plaatse',
  'unit.step.emergency': 'Noodgeval',
  'unit.step.end_emergency': 'Noodgeval beëindigen',
  'unit.via.offer': 'een aanbod vanuit een melding',
  'unit.via.answer': 'het antwoord op het aanbod of het verlopen ervan',
  'unit.via.emergency': 'de NOODKNOP of "Noodgeval melden"',
  'unit.via.end_emergency': '"Noodgeval beëindigen", met een notitie',
  'unit.transition.unchanged': 'De eenheid staat al op "{status}".',
  'unit.transition.not_allowed': 'Een eenheid met status "{from}" kan niet naar "{to}".',
  'unit.transition.via_system': 'De stap "{step}" zet het systeem zelf, via {via}.',
  'unit.transition.actor_not_allowed': 'Als {actor} mag u de stap "{step}" niet zetten.',
  'unit.transition.emergency_only': 'De stap "{step}" gaat alleen via {via}.',
} as const;

const say = textMaker(UNIT_TEXTS);

type StepCode = Extract<keyof typeof UNIT_TEXTS, `unit.step.${string}`>;
type UnitStep = StepCode extends `unit.step.${infer S}` ? S : never;
type Via = 'offer' | 'answer' | 'emergency' | 'end_emergency';

/** A unit status as a text ("Beschikbaar"), for messages and labels. */
export function unitStatusText(status: UnitStatus): DomainText {
  return say(`unit.status.${status}`);
}

export const UNIT_STATUS_LABELS: Readonly<Record<UnitStatus, string>> = Object.fromEntries(
  UNIT_STATUSES.map((s) => [s, unitStatusText(s).message]),
) as Record<UnitStatus, string>;

export interface UnitTransition {
  from: UnitStatus;
  to: UnitStatus;
  actors: readonly UnitActor[];
  /** Button text (field client, units board) or the name of the automatic step, in Dutch. */
  label: string;
  /** `label` as a coded text. */
  labelText: DomainText;
  /** For steps only the hub takes: what triggers it (used in the refusal message), in Dutch. */
  via?: string;
  /** `via` as a coded text. */
  viaText?: DomainText;
  /** Taken only by the emergency commands (NOODKNOP, "Noodgeval melden", "Noodgeval beëindigen"), never by a status button. */
  emergency?: true;
}

/** The label (and trigger, for the hub's own steps) of a row in the table. */
function step(name: UnitStep, via?: Via): Pick<UnitTransition, 'label' | 'labelText' | 'via' | 'viaText' | 'emergency'> {
  const labelText = say(`unit.step.${name}`);
  if (!via) return { label: labelText.message, labelText };
  const viaText = say(`unit.via.${via}`);
  const emergency = via === 'emergency' || via === 'end_emergency' ? { emergency: true as const } : {};
  return { label: labelText.message, labelText, via: viaText.message, viaText, ...emergency };
}

/** The unit itself and the desk. The shift lead can do everything the dispatcher can. */
const UNIT_AND_DESK: readonly UnitActor[] = ['field', 'dispatcher', 'shift_lead'];
/** Taking a unit off a report is tasking, as in the report lifecycle (dispatched -> triaged). */
const UNASSIGN: readonly UnitActor[] = ['dispatcher', 'shift_lead', 'police_coordinator', 'system'];
/** Who puts a unit in 'noodgeval': the unit itself (NOODKNOP) and the desk (an emergency over the radio). */
const RAISE_EMERGENCY: readonly UnitActor[] = ['field', 'dispatcher', 'shift_lead'];
/** Only the desk ends an emergency, with a note, choosing the status the unit returns to. */
const END_EMERGENCY: readonly UnitActor[] = ['dispatcher', 'shift_lead'];
/** Statuses an emergency may end in; the report statuses only while the unit still holds its report. */
export const EMERGENCY_RETURN_STATUSES: readonly UnitStatus[] = ['beschikbaar', 'onderweg', 'ter_plaatse', 'bezet', 'pauze', 'uit_dienst'];
/** Return statuses that need the unit's report (it kept its accepted assignment through the emergency). */
export const EMERGENCY_RETURN_WITH_REPORT: readonly UnitStatus[] = ['onderweg', 'ter_plaatse', 'bezet'];

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
  { from: 'uit_dienst', to: 'beschikbaar', actors: UNIT_AND_DESK, ...step('start_shift') },
  { from: 'beschikbaar', to: 'uit_dienst', actors: UNIT_AND_DESK, ...step('end_shift') },
  { from: 'pauze', to: 'uit_dienst', actors: UNIT_AND_DESK, ...step('end_shift') },
  { from: 'beschikbaar', to: 'pauze', actors: UNIT_AND_DESK, ...step('break') },
  { from: 'pauze', to: 'beschikbaar', actors: UNIT_AND_DESK, ...step('end_break') },
  // Own initiative while on patrol
  { from: 'beschikbaar', to: 'bezet', actors: UNIT_AND_DESK, ...step('busy') },
  // Offers: only the hub
  { from: 'beschikbaar', to: 'aangeboden', actors: ['system'], ...step('offer', 'offer') },
  { from: 'aangeboden', to: 'onderweg', actors: ['system'], ...step('offer_accepted', 'answer') },
  {
    from: 'aangeboden',
    to: 'beschikbaar',
    actors: ['system'],
    ...step('offer_ended', 'answer'),
  },
  // On the way and at the scene
  { from: 'onderweg', to: 'ter_plaatse', actors: UNIT_AND_DESK, ...step('on_scene') },
  { from: 'onderweg', to: 'beschikbaar', actors: UNASSIGN, ...step('unassign') },
  { from: 'ter_plaatse', to: 'bezet', actors: UNIT_AND_DESK, ...step('busy') },
  { from: 'ter_plaatse', to: 'beschikbaar', actors: [...UNIT_AND_DESK, 'police_coordinator', 'system'], ...step('free') },
  { from: 'bezet', to: 'ter_plaatse', actors: UNIT_AND_DESK, ...step('back_on_scene') },
  { from: 'bezet', to: 'beschikbaar', actors: [...UNIT_AND_DESK, 'police_coordinator', 'system'], ...step('free') },
  // Emergency: from any status at once; out of it only by the desk ending it (never by a status button)
  ...(['beschikbaar', 'aangeboden', 'onderweg', 'ter_plaatse', 'bezet', 'pauze', 'uit_dienst'] as const).map(
    (from): UnitTransition => ({ from, to: 'noodgeval', actors: RAISE_EMERGENCY, ...step('emergency', 'emergency') }),
  ),
  ...EMERGENCY_RETURN_STATUSES.map(
    (to): UnitTransition => ({ from: 'noodgeval', to, actors: END_EMERGENCY, ...step('end_emergency', 'end_emergency') }),
  ),
];

export type UnitTransitionErrorCode = 'unchanged' | 'transition_not_allowed' | 'actor_not_allowed' | 'emergency_only';

/** A refusal keeps its `code` (what kind of refusal) and Dutch `message`; `text` is the message coded. */
export type UnitTransitionCheck =
  | { ok: true }
  | { ok: false; code: UnitTransitionErrorCode; message: string; text: DomainText };

export interface UnitTransitionRequest {
  from: UnitStatus;
  to: UnitStatus;
  actor: UnitActor;
  /** The step is taken by an emergency command (raise, set by hand, end); other steps in or out of 'noodgeval' are refused. */
  emergency?: boolean;
}

export function findUnitTransition(from: UnitStatus, to: UnitStatus): UnitTransition | undefined {
  return UNIT_TRANSITIONS.find((t) => t.from === from && t.to === to);
}

export function checkUnitTransition({ from, to, actor, emergency }: UnitTransitionRequest): UnitTransitionCheck {
  if (from === to) {
    return fail('unchanged', say('unit.transition.unchanged', { status: unitStatusText(from) }));
  }
  const transition = findUnitTransition(from, to);
  if (!transition) {
    return fail(
      'transition_not_allowed',
      say('unit.transition.not_allowed', { from: unitStatusText(from), to: unitStatusText(to) }),
    );
  }
  if (transition.emergency && !emergency && transition.viaText) {
    return fail('emergency_only', say('unit.transition.emergency_only', { step: transition.labelText, via: transition.viaText }));
  }
  if (!transition.actors.includes(actor)) {
    const text = transition.viaText && !transition.emergency
      ? say('unit.transition.via_system', { step: transition.labelText, via: transition.viaText })
      : say('unit.transition.actor_not_allowed', { actor: actorText(actor), step: transition.labelText });
    return fail('actor_not_allowed', text);
  }
  return { ok: true };
}

function fail(code: UnitTransitionErrorCode, text: DomainText): UnitTransitionCheck {
  return { ok: false, code, message: text.message, text };
}

/** The transitions an actor may start from a status with a status button (emergency steps have their own commands). */
export function allowedUnitTransitions(from: UnitStatus, actor: UnitActor): UnitTransition[] {
  return UNIT_TRANSITIONS.filter((t) => t.from === from && t.actors.includes(actor) && !t.emergency);
}

/** Only an available unit can be offered a report. */
export function isAvailableForOffer(status: UnitStatus): boolean {
  return status === 'beschikbaar';
}

/** On duty: everything but 'uit_dienst' (a unit on a break is still on duty). */
export function isOnDuty(status: UnitStatus): boolean {
  return status !== 'uit_dienst';
}
