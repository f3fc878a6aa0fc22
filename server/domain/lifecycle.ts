import type { Role } from '../protocol/auth';
import type { Outcome, ReportStatus } from '../protocol/report';
import type { Resolution } from '../protocol/resolution';
import { type DomainText, textMaker } from './domain-text';

/** Who makes a transition: a logged-in role, the hub itself, or the reporter via the status page. */
export type Actor = Role | 'system' | 'citizen';

export const ACTORS: readonly Actor[] = [
  'dispatcher',
  'shift_lead',
  'police_coordinator',
  'field',
  'admin',
  'privacy_officer',
  'system',
  'citizen',
];

/**
 * What a transition needs besides the actor:
 * - proposal: a resolution of either kind (a field unit's proposal from the scene)
 * - closing: a resolution of kind 'close' whose outcome is in the row's `outcomes`
 * - schedule: a resolution of kind 'schedule' (follow-up date, what, who)
 * - reply: a text for the citizen explaining the reopen decision ({toelichting})
 */
export type TransitionRequirement = 'proposal' | 'closing' | 'schedule' | 'reply';

/**
 * A condition under which a closing row allows an outcome beyond its `outcomes`:
 * - parts_resolved: the report was split (sub-reports) and every part is closed, at least one as resolved. The units'
 *   accounts are the parts', so the desk may close the main report as 'resolved' without a field review of its own.
 */
export type OutcomeGuard = 'parts_resolved';

/** Where a report's parts stand (sub-reports, domain/sub-reports.ts); `total` 0 for a report that was never split. */
export interface PartsProgress {
  total: number;
  open: number;
  resolved: number;
}

export interface Transition {
  from: ReportStatus;
  to: ReportStatus;
  actors: readonly Actor[];
  requires?: TransitionRequirement;
  /** Outcomes allowed when `requires` is 'closing'. */
  outcomes?: readonly Outcome[];
  /** Outcomes allowed when `requires` is 'closing' and the guard holds (see OutcomeGuard). */
  guardedOutcomes?: Readonly<Partial<Record<Outcome, OutcomeGuard>>>;
  /** Button text in the console, in Dutch. */
  label: string;
}

/** A row of the table with its label coded (`action.<from>.<to>`, the console's key for the button). */
export interface LabelledTransition extends Transition {
  labelText: DomainText;
}

/** Who moves a report when a unit acts on it (arrives on scene, proposes a resolution): the unit. */
export const UNIT_AUTHORITY: Actor = 'field';
/** Who moves a report to dispatched: the hub, when a unit accepts an offer (no desk role can, so no report is dispatched without a unit). */
export const OFFER_AUTHORITY: Actor = 'system';

const DESK: readonly Actor[] = ['dispatcher', 'shift_lead'];
const TASKING: readonly Actor[] = ['dispatcher', 'shift_lead', 'police_coordinator'];
const ALL_OUTCOMES: readonly Outcome[] = ['resolved', 'referred', 'no_action', 'not_found', 'duplicate', 'cancelled'];
/** Closing without a reviewed field resolution can never be 'resolved'. */
const DESK_OUTCOMES: readonly Outcome[] = ['referred', 'no_action', 'not_found', 'duplicate', 'cancelled'];
/** ...except a split report whose parts are all closed, at least one resolved: the parts' units gave the account. */
const SPLIT_OUTCOMES = { resolved: 'parts_resolved' } as const satisfies Partial<Record<Outcome, OutcomeGuard>>;

/**
 * The report lifecycle. Anything not listed here is forbidden, including staying in
 * the same status (except rescheduling). The shift lead can do everything the
 * dispatcher can; the police coordinator only tasks units (in Den Haag the police
 * direct BOAs day to day); admin manages templates and users, not reports.
 * 'resolved' is reachable only through review (awaiting_review) or a follow-up
 * (scheduled), so a unit's account of what was done always precedes it; a split report
 * waiting in new or triaged may close as 'resolved' when its parts carry that account
 * (guardedOutcomes, OutcomeGuard 'parts_resolved').
 */
const TRANSITION_ROWS = [
  // Intake and tasking
  { from: 'new', to: 'triaged', actors: DESK, label: 'Beoordelen' },
  // Reached only when a unit accepts an offer (commands/dispatch.ts): the desk offers, it does not dispatch.
  { from: 'new', to: 'dispatched', actors: ['system'], label: 'Eenheid toewijzen' },
  { from: 'triaged', to: 'dispatched', actors: ['system'], label: 'Eenheid toewijzen' },
  { from: 'dispatched', to: 'in_progress', actors: ['field', 'dispatcher', 'shift_lead'], label: 'Ter plaatse' },
  // A unit hands the report back, or the desk withdraws it: back in the queue
  { from: 'dispatched', to: 'triaged', actors: [...TASKING, 'field'], label: 'Terug naar wachtrij' },
  { from: 'in_progress', to: 'triaged', actors: [...TASKING, 'field'], label: 'Terug naar wachtrij' },
  // Field proposes; the desk reviews
  {
    from: 'in_progress',
    to: 'awaiting_review',
    actors: ['field', 'dispatcher', 'shift_lead'],
    requires: 'proposal',
    label: 'Afhandeling voorstellen',
  },
  { from: 'awaiting_review', to: 'in_progress', actors: DESK, label: 'Terug naar eenheid' },
  { from: 'awaiting_review', to: 'triaged', actors: DESK, label: 'Terug naar wachtrij' },
  { from: 'awaiting_review', to: 'scheduled', actors: DESK, requires: 'schedule', label: 'Inplannen' },
  {
    from: 'awaiting_review',
    to: 'closed',
    actors: DESK,
    requires: 'closing',
    outcomes: ALL_OUTCOMES,
    label: 'Afsluiten',
  },
  // Closing straight from the desk (duplicate, withdrawn, not ours, ...)
  {
    from: 'new',
    to: 'closed',
    actors: DESK,
    requires: 'closing',
    outcomes: DESK_OUTCOMES,
    guardedOutcomes: SPLIT_OUTCOMES,
    label: 'Afsluiten',
  },
  {
    from: 'triaged',
    to: 'closed',
    actors: DESK,
    requires: 'closing',
    outcomes: DESK_OUTCOMES,
    guardedOutcomes: SPLIT_OUTCOMES,
    label: 'Afsluiten',
  },
  {
    from: 'dispatched',
    to: 'closed',
    actors: DESK,
    requires: 'closing',
    outcomes: DESK_OUTCOMES,
    label: 'Afsluiten',
  },
  {
    from: 'in_progress',
    to: 'closed',
    actors: DESK,
    requires: 'closing',
    outcomes: DESK_OUTCOMES,
    label: 'Afsluiten',
  },
  // Scheduled: still open for the citizen. On the follow-up date the hub puts it back
  // in the queue ("vervolg vandaag"); the desk may do so earlier, move the date, or close.
  { from: 'scheduled', to: 'triaged', actors: ['system', ...DESK], label: 'Vervolg oppakken' },
  { from: 'scheduled', to: 'scheduled', actors: DESK, requires: 'schedule', label: 'Vervolgdatum wijzigen' },
  {
    from: 'scheduled',
    to: 'closed',
    actors: DESK,
    requires: 'closing',
    outcomes: ALL_OUTCOMES,
    label: 'Afsluiten',
  },
  // Reopen: the citizen (status page) or the desk on their behalf (phone) asks;
  // the shift lead decides and the citizen gets the reply.
  { from: 'closed', to: 'reopen_requested', actors: ['citizen', ...DESK], label: 'Heropenen aanvragen' },
  { from: 'reopen_requested', to: 'triaged', actors: ['shift_lead'], requires: 'reply', label: 'Heropenen' },
  {
    from: 'reopen_requested',
    to: 'closed',
    actors: ['shift_lead'],
    requires: 'reply',
    label: 'Afsluiting bevestigen',
  },
] as const satisfies readonly Transition[];

/** Dutch texts of report statuses, outcomes, actors and refusals, by code (see domain-text.ts). */
export const LIFECYCLE_TEXTS = {
  'report.status.new': 'Nieuw',
  'report.status.triaged': 'In wachtrij',
  'report.status.dispatched': 'Toegewezen',
  'report.status.in_progress': 'In behandeling',
  'report.status.awaiting_review': 'Ter beoordeling',
  'report.status.scheduled': 'Ingepland',
  'report.status.closed': 'Afgesloten',
  'report.status.reopen_requested': 'Heropen-verzoek',
  'report.outcome.resolved': 'Opgelost',
  'report.outcome.referred': 'Doorverwezen',
  'report.outcome.no_action': 'Geen actie',
  'report.outcome.not_found': 'Niet aangetroffen',
  'report.outcome.duplicate': 'Dubbele melding',
  'report.outcome.cancelled': 'Geannuleerd',
  'actor.dispatcher': 'centralist',
  'actor.wallboard': 'wallboard',
  'actor.shift_lead': 'chef van dienst',
  'actor.police_coordinator': 'politiecoördinator',
  'actor.field': 'eenheid',
  'actor.admin': 'beheerder',
  'actor.privacy_officer': 'functionaris gegevensbescherming',
  'actor.system': 'systeem',
  'actor.citizen': 'melder',
  'report.transition.not_allowed': 'Een melding met status "{from}" kan niet naar "{to}".',
  'report.transition.actor_not_allowed': 'Als {actor} mag u de stap "{step}" niet zetten.',
  'report.transition.resolution_required': 'Vul in wat er is aangetroffen en wat er is gedaan.',
  'report.transition.schedule_required': 'Inplannen kan alleen met een vervolgdatum, wat er gaat gebeuren en door wie.',
  'report.transition.closing_resolution_required': 'Kies een uitkomst om de melding af te sluiten.',
  'report.transition.outcome_not_allowed': 'Vanuit "{from}" kan niet worden afgesloten als "{outcome}".',
  'report.transition.outcome_needs_resolved_part':
    'Vanuit "{from}" kan alleen als "{outcome}" worden afgesloten als alle deelmeldingen zijn afgesloten en minstens één is opgelost.',
  'report.transition.closing_incomplete':
    'Afsluiten kan alleen met een volledige afhandeling: wat er is aangetroffen en wat er is gedaan.',
  'report.transition.reply_required': 'Schrijf een toelichting voor de melder.',
} as const;

const say = textMaker(LIFECYCLE_TEXTS);

export function reportStatusText(status: ReportStatus): DomainText {
  return say(`report.status.${status}`);
}

export function outcomeText(outcome: Outcome): DomainText {
  return say(`report.outcome.${outcome}`);
}

/** Who someone is in a sentence ("Als centralist mag u ..."). */
export function actorText(actor: Actor): DomainText {
  return say(`actor.${actor}`);
}

type LabelCodeOf<R> = R extends { from: string; to: string } ? `action.${R['from']}.${R['to']}` : never;
/** The code of a transition's button text: `action.<from>.<to>` for the pairs in the table. */
export type TransitionLabelCode = LabelCodeOf<(typeof TRANSITION_ROWS)[number]>;

export const TRANSITIONS: readonly LabelledTransition[] = TRANSITION_ROWS.map((t) => ({
  ...t,
  labelText: { code: `action.${t.from}.${t.to}`, params: {}, message: t.label },
}));

/** Dutch button texts by code, the transition table's share of the domain's texts. */
export const TRANSITION_LABEL_TEXTS = Object.fromEntries(TRANSITIONS.map((t) => [t.labelText.code, t.label])) as Readonly<
  Record<TransitionLabelCode, string>
>;

export type TransitionErrorCode =
  | 'transition_not_allowed'
  | 'actor_not_allowed'
  | 'resolution_required'
  | 'closing_resolution_required'
  | 'outcome_not_allowed'
  | 'schedule_required'
  | 'reply_required';

/** A refusal keeps its `code` (what kind of refusal) and Dutch `message`; `text` is the message coded. */
export type TransitionCheck =
  | { ok: true }
  | { ok: false; code: TransitionErrorCode; message: string; text: DomainText };

export interface TransitionRequest {
  from: ReportStatus;
  to: ReportStatus;
  role: Actor;
  /** A resolution already checked by validateResolution. */
  resolution?: Resolution;
  /** Outcome without a full resolution, to ask "could this be closed as X?". Ignored when a resolution is given. */
  outcome?: Outcome;
  /** The text to the citizen for a reopen decision. */
  reply?: string;
  /** Where the report's parts stand, for a guarded outcome (OutcomeGuard); absent reads as never split. */
  parts?: PartsProgress;
}

/** Shortest reply to a citizen on a reopen decision that is more than a shrug. */
export const MIN_REPLY_LENGTH = 10;

export function findTransition(from: ReportStatus, to: ReportStatus): LabelledTransition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

export function checkTransition(request: TransitionRequest): TransitionCheck {
  const { from, to, role } = request;
  const transition = findTransition(from, to);
  if (!transition) {
    return fail(
      'transition_not_allowed',
      say('report.transition.not_allowed', { from: reportStatusText(from), to: reportStatusText(to) }),
    );
  }
  if (!transition.actors.includes(role)) {
    return fail(
      'actor_not_allowed',
      say('report.transition.actor_not_allowed', { actor: actorText(role), step: transition.labelText }),
    );
  }
  return checkRequirement(transition, request);
}

function checkRequirement(transition: Transition, request: TransitionRequest): TransitionCheck {
  const { resolution } = request;
  switch (transition.requires) {
    case undefined:
      return { ok: true };
    case 'proposal':
      return resolution ? { ok: true } : fail('resolution_required', say('report.transition.resolution_required'));
    case 'schedule':
      return resolution?.kind === 'schedule'
        ? { ok: true }
        : fail('schedule_required', say('report.transition.schedule_required'));
    case 'closing': {
      if (resolution && resolution.kind !== 'close') {
        return fail('closing_resolution_required', say('report.transition.closing_resolution_required'));
      }
      const outcome = resolution?.outcome ?? request.outcome;
      if (outcome && !outcomeAllowed(transition, outcome, request.parts)) {
        const guarded = transition.guardedOutcomes?.[outcome] !== undefined && (request.parts?.total ?? 0) > 0;
        return fail(
          'outcome_not_allowed',
          say(guarded ? 'report.transition.outcome_needs_resolved_part' : 'report.transition.outcome_not_allowed', {
            from: reportStatusText(transition.from),
            outcome: outcomeText(outcome),
          }),
        );
      }
      if (!resolution) return fail('resolution_required', say('report.transition.closing_incomplete'));
      return { ok: true };
    }
    case 'reply':
      return (request.reply?.trim().length ?? 0) >= MIN_REPLY_LENGTH
        ? { ok: true }
        : fail('reply_required', say('report.transition.reply_required'));
  }
}

/** Does the guard hold for a report whose parts stand so? */
export function guardHolds(guard: OutcomeGuard, parts: PartsProgress | undefined): boolean {
  switch (guard) {
    case 'parts_resolved':
      return parts !== undefined && parts.total > 0 && parts.open === 0 && parts.resolved > 0;
  }
}

/** May a closing row close with `outcome`: listed, or guarded and the guard holds? */
function outcomeAllowed(transition: Transition, outcome: Outcome, parts: PartsProgress | undefined): boolean {
  if (transition.outcomes?.includes(outcome)) return true;
  const guard = transition.guardedOutcomes?.[outcome];
  return guard !== undefined && guardHolds(guard, parts);
}

/** The outcomes a closing row allows for a report whose parts stand so (its `outcomes`, plus guarded ones that hold). */
export function outcomesOf(transition: Transition, parts?: PartsProgress): Outcome[] {
  const guarded = Object.entries(transition.guardedOutcomes ?? {})
    .filter(([, guard]) => guardHolds(guard, parts))
    .map(([outcome]) => outcome as Outcome);
  return [...(transition.outcomes ?? []), ...guarded.filter((o) => !transition.outcomes?.includes(o))];
}

function fail(code: TransitionErrorCode, text: DomainText): TransitionCheck {
  return { ok: false, code, message: text.message, text };
}

/** The transitions an actor may start from a status (for buttons in the console). */
export function allowedTransitions(from: ReportStatus, role: Actor): LabelledTransition[] {
  return TRANSITIONS.filter((t) => t.from === from && t.actors.includes(role));
}

/** The outcomes an actor may close with from a status (given where its parts stand); empty when closing is not allowed. */
export function allowedOutcomes(from: ReportStatus, role: Actor, parts?: PartsProgress): Outcome[] {
  const closing = allowedTransitions(from, role).find((t) => t.to === 'closed' && t.requires === 'closing');
  return closing ? outcomesOf(closing, parts) : [];
}

/** For the citizen a report is open until it is closed; 'scheduled' is explicitly still open. */
export function isOpenForCitizen(status: ReportStatus): boolean {
  return status !== 'closed';
}

export function citizenStatus(status: ReportStatus): 'open' | 'closed' {
  return isOpenForCitizen(status) ? 'open' : 'closed';
}

/** A scheduled report is due for follow-up on (and after) its follow-up date. Dates are YYYY-MM-DD. */
export function isFollowUpDue(followUpDate: string, today: string): boolean {
  return today >= followUpDate;
}
