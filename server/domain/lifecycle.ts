import type { Role } from '../protocol/auth';
import type { Outcome, ReportStatus } from '../protocol/report';
import type { Resolution } from '../protocol/resolution';

/** Who makes a transition: a logged-in role, the hub itself, or the reporter via the status page. */
export type Actor = Role | 'system' | 'citizen';

export const ACTORS: readonly Actor[] = [
  'dispatcher',
  'shift_lead',
  'police_coordinator',
  'field',
  'admin',
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

export interface Transition {
  from: ReportStatus;
  to: ReportStatus;
  actors: readonly Actor[];
  requires?: TransitionRequirement;
  /** Outcomes allowed when `requires` is 'closing'. */
  outcomes?: readonly Outcome[];
  /** Button text in the console. */
  label: string;
}

const DESK: readonly Actor[] = ['dispatcher', 'shift_lead'];
const TASKING: readonly Actor[] = ['dispatcher', 'shift_lead', 'police_coordinator'];
const ALL_OUTCOMES: readonly Outcome[] = ['resolved', 'referred', 'no_action', 'not_found', 'duplicate', 'cancelled'];
/** Closing without a reviewed field resolution can never be 'resolved'. */
const DESK_OUTCOMES: readonly Outcome[] = ['referred', 'no_action', 'not_found', 'duplicate', 'cancelled'];

/**
 * The report lifecycle. Anything not listed here is forbidden, including staying in
 * the same status (except rescheduling). The shift lead can do everything the
 * dispatcher can; the police coordinator only tasks units (in Den Haag the police
 * direct BOAs day to day); admin manages templates and users, not reports.
 * 'resolved' is reachable only through review (awaiting_review) or a follow-up
 * (scheduled), so a unit's account of what was done always precedes it.
 */
export const TRANSITIONS: readonly Transition[] = [
  // Intake and tasking
  { from: 'new', to: 'triaged', actors: DESK, label: 'Beoordelen' },
  { from: 'new', to: 'dispatched', actors: TASKING, label: 'Eenheid toewijzen' },
  { from: 'triaged', to: 'dispatched', actors: TASKING, label: 'Eenheid toewijzen' },
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
  { from: 'new', to: 'closed', actors: DESK, requires: 'closing', outcomes: DESK_OUTCOMES, label: 'Afsluiten' },
  { from: 'triaged', to: 'closed', actors: DESK, requires: 'closing', outcomes: DESK_OUTCOMES, label: 'Afsluiten' },
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
];

export const STATUS_LABELS: Readonly<Record<ReportStatus, string>> = {
  new: 'Nieuw',
  triaged: 'In wachtrij',
  dispatched: 'Toegewezen',
  in_progress: 'In behandeling',
  awaiting_review: 'Ter beoordeling',
  scheduled: 'Ingepland',
  closed: 'Afgesloten',
  reopen_requested: 'Heropen-verzoek',
};

export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  resolved: 'Opgelost',
  referred: 'Doorverwezen',
  no_action: 'Geen actie',
  not_found: 'Niet aangetroffen',
  duplicate: 'Dubbele melding',
  cancelled: 'Geannuleerd',
};

export const ACTOR_LABELS: Readonly<Record<Actor, string>> = {
  dispatcher: 'centralist',
  shift_lead: 'chef van dienst',
  police_coordinator: 'politiecoördinator',
  field: 'eenheid',
  admin: 'beheerder',
  system: 'systeem',
  citizen: 'melder',
};

export type TransitionErrorCode =
  | 'transition_not_allowed'
  | 'actor_not_allowed'
  | 'resolution_required'
  | 'closing_resolution_required'
  | 'outcome_not_allowed'
  | 'schedule_required'
  | 'reply_required';

export type TransitionCheck = { ok: true } | { ok: false; code: TransitionErrorCode; message: string };

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
}

/** Shortest reply to a citizen on a reopen decision that is more than a shrug. */
export const MIN_REPLY_LENGTH = 10;

export function findTransition(from: ReportStatus, to: ReportStatus): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

export function checkTransition(request: TransitionRequest): TransitionCheck {
  const { from, to, role } = request;
  const transition = findTransition(from, to);
  if (!transition) {
    return fail(
      'transition_not_allowed',
      `Een melding met status "${STATUS_LABELS[from]}" kan niet naar "${STATUS_LABELS[to]}".`,
    );
  }
  if (!transition.actors.includes(role)) {
    return fail('actor_not_allowed', `Als ${ACTOR_LABELS[role]} mag u de stap "${transition.label}" niet zetten.`);
  }
  return checkRequirement(transition, request);
}

function checkRequirement(transition: Transition, request: TransitionRequest): TransitionCheck {
  const { resolution } = request;
  switch (transition.requires) {
    case undefined:
      return { ok: true };
    case 'proposal':
      return resolution
        ? { ok: true }
        : fail('resolution_required', 'Vul in wat er is aangetroffen en wat er is gedaan.');
    case 'schedule':
      return resolution?.kind === 'schedule'
        ? { ok: true }
        : fail('schedule_required', 'Inplannen kan alleen met een vervolgdatum, wat er gaat gebeuren en door wie.');
    case 'closing': {
      if (resolution && resolution.kind !== 'close') {
        return fail('closing_resolution_required', 'Kies een uitkomst om de melding af te sluiten.');
      }
      const outcome = resolution?.outcome ?? request.outcome;
      if (outcome && !transition.outcomes?.includes(outcome)) {
        return fail(
          'outcome_not_allowed',
          `Vanuit "${STATUS_LABELS[transition.from]}" kan niet worden afgesloten als "${OUTCOME_LABELS[outcome]}".`,
        );
      }
      if (!resolution) {
        return fail(
          'resolution_required',
          'Afsluiten kan alleen met een volledige afhandeling: wat er is aangetroffen en wat er is gedaan.',
        );
      }
      return { ok: true };
    }
    case 'reply':
      return (request.reply?.trim().length ?? 0) >= MIN_REPLY_LENGTH
        ? { ok: true }
        : fail('reply_required', 'Schrijf een toelichting voor de melder.');
  }
}

function fail(code: TransitionErrorCode, message: string): TransitionCheck {
  return { ok: false, code, message };
}

/** The transitions an actor may start from a status (for buttons in the console). */
export function allowedTransitions(from: ReportStatus, role: Actor): Transition[] {
  return TRANSITIONS.filter((t) => t.from === from && t.actors.includes(role));
}

/** The outcomes an actor may close with from a status; empty when closing is not allowed. */
export function allowedOutcomes(from: ReportStatus, role: Actor): Outcome[] {
  const closing = allowedTransitions(from, role).find((t) => t.to === 'closed' && t.requires === 'closing');
  return closing?.outcomes ? [...closing.outcomes] : [];
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
