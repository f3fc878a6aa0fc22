import type { AssignmentState } from '../protocol/dispatch';
import type { ReportStatus } from '../protocol/report';
import type { Resolution } from '../protocol/resolution';
import { type DomainText, textMaker } from './domain-text';
import { sayExternal } from './external-referrals';
import { outcomeText, reportStatusText } from './lifecycle';
import { sayQuestion } from './reporter-question-texts';
import { localDateTime } from './zoned-time';

/**
 * The report timeline in words (pure): one sentence per event of the report's log, as a coded text.
 * Rules:
 * - an assignment event names the unit by callsign and what happened to the offer ("HH-11 accepteerde het
 *   aanbod (03:45)"); an offer nobody made (no actor, no offerer) was made by the hub ("Automatisch aangeboden");
 *   an offer withdrawn in the step another unit accepted says so ("ingetrokken (HH-12 accepteerde)");
 * - a report the hub moved back to the queue on its follow-up date (scheduled → triaged, no actor) says so;
 * - a step a field unit took says which unit: arriving ("HH-11 ter plaatse") and a proposal ("Voorstel van HH-11:
 *   ingepland voor 30-12"); every other step is "Status: <from> → <to>" with the statuses translated;
 * - an alert is told with its own text to the roles in its kind's audience (domain/alert-kinds.ts), to others as
 *   "Alarm voor een andere rol";
 * - a split says into which parts ("Gesplitst in 2 deelmeldingen: M-000124, M-000125"); a part's creation names its
 *   main report ("Deel van M-000123 aangemaakt");
 * - a linked caller is "Beller gekoppeld", with a name only when the store was allowed to give one (roles with
 *   `contacts.read`, and then masked as in the reporter list: the whole name is a logged view);
 * - clock times are the municipality's (Europe/Amsterdam), dates day-month of the civil date.
 */
export const TIMELINE_TEXTS = {
  'timeline.created': 'Melding aangemaakt',
  'timeline.created.part': 'Deel van {number} aangemaakt',
  'timeline.updated': 'Melding gewijzigd',
  'timeline.split': 'Gesplitst in {count} deelmeldingen: {parts}',
  'timeline.split.one': 'Gesplitst in 1 deelmelding: {parts}',
  'timeline.caller_linked': 'Beller gekoppeld',
  'timeline.caller_linked.named': 'Beller gekoppeld: {name}',
  'timeline.status': 'Status: {from} → {to}',
  'timeline.on_scene': '{unit} ter plaatse',
  'timeline.proposal.schedule': 'Voorstel van {unit}: ingepland voor {date}',
  'timeline.proposal.close': 'Voorstel van {unit}: afsluiten als {outcome}',
  'timeline.offer.offered': '{unit} kreeg het aanbod ({time})',
  'timeline.offer.auto': 'Automatisch aangeboden aan {unit} ({time})',
  'timeline.offer.accepted': '{unit} accepteerde het aanbod ({time})',
  'timeline.offer.declined': '{unit} wees het aanbod af ({time})',
  'timeline.offer.expired': 'Aanbod aan {unit} verlopen',
  'timeline.offer.withdrawn': 'Aanbod aan {unit} ingetrokken',
  'timeline.offer.withdrawn_accepted': 'Aanbod aan {unit} ingetrokken ({other} accepteerde)',
  'timeline.offer.completed': '{unit} klaar met de inzet',
  'timeline.citizen.satisfied': 'Melder is tevreden',
  'timeline.citizen.unsatisfied': 'Melder is niet tevreden',
  'timeline.delivery.queued': 'Bericht aan melder klaargezet',
  'timeline.delivery.sent': 'Bericht aan melder verstuurd',
  'timeline.delivery.failed': 'Bericht aan melder niet bezorgd',
  'timeline.alert.raised': 'Alarm: {alert}',
  'timeline.alert.acked': 'Alarm bevestigd: {alert}',
  'timeline.alert.addressed': 'Adres bij alarm gevonden: {alert}',
  'timeline.alert.escalated': 'Alarm opgeschaald: {alert}',
  'timeline.alert.hidden': 'Alarm voor een andere rol',
  'timeline.follow_up_due': 'Vervolgdatum bereikt: terug in de wachtrij',
  'timeline.photo.approved': 'Foto goedgekeurd voor de melder',
  'timeline.photo.withdrawn': 'Goedkeuring van de foto voor de melder ingetrokken',
  'timeline.event': 'Gebeurtenis {type}',
} as const;

const say = textMaker(TIMELINE_TEXTS);

/** The municipality's zone (as DEFAULT_TIME_ZONE in sla.ts, not imported: the renderer's catalogues import this file). */
const DEFAULT_TIME_ZONE = 'Europe/Amsterdam';

/** What the store knows of one event of the report's log, already read from its payload (and the joined rows). */
export interface TimelineFact {
  type: string;
  at: string;
  from?: ReportStatus | null;
  to?: ReportStatus | null;
  resolution?: Resolution | null;
  resolutionState?: 'proposed' | 'confirmed' | null;
  /** The callsign of the acting user's unit (a field unit's user), if any. */
  actorUnit?: string | null;
  /** The acting user's display name (a proposal without unit names its author). */
  actor?: string | null;
  /** assignment.updated: the unit, the assignment's new state, and whether anyone made the offer. */
  unit?: string | null;
  assignmentState?: AssignmentState;
  offeredBy?: string | null;
  /** assignment.updated (withdrawn): the unit whose acceptance in the same step withdrew this offer. */
  acceptedBy?: string | null;
  /** report.updated: a caller was linked in this step; `name` only when the reader may see it (already masked). */
  callerLinked?: { name: string | null } | null;
  /** report.updated: the report was split in this step into these parts (numbers, in order). */
  split?: { parts: readonly string[] } | null;
  /** report.created: the report is a part of this main report (its number). */
  partOf?: string | null;
  /** report.citizen_response */
  satisfied?: boolean;
  /** report.delivery */
  deliveryStatus?: 'queued' | 'sent' | 'failed';
  /** report.question: its step, the question's words and channel, and whether the answer came with a photo. */
  question?: { step: 'asked' | 'answered' | 'expired'; text: string; channel: 'email' | 'sms'; photo: boolean } | null;
  /** report.external: a referral to an external party made, its link revoked, or the party's answer received. */
  external?: { change: 'referred' | 'revoked' | 'answered'; party: string } | null;
  /** report.photo: the desk approved a photo for the citizen, or withdrew that. */
  photo?: { change: 'approved' | 'withdrawn' } | null;
  /** alert.*: the alert's own text (or its Dutch message, for an alert older than coded texts); absent: the reader is not in its audience. */
  alert?: DomainText | string;
}

/** "03:45" in the municipality's time zone. */
export function clockTime(at: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  const t = localDateTime(new Date(at), timeZone);
  return `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
}

/** "30-12" of a civil date (YYYY-MM-DD). */
export function dayMonth(date: string): string {
  const [, month = '', day = ''] = date.split('-');
  return `${day}-${month}`;
}

function offerText(fact: TimelineFact, timeZone: string): DomainText {
  const unit = fact.unit ?? '?';
  const time = clockTime(fact.at, timeZone);
  switch (fact.assignmentState) {
    case 'offered':
      return fact.offeredBy ? say('timeline.offer.offered', { unit, time }) : say('timeline.offer.auto', { unit, time });
    case 'accepted':
      return say('timeline.offer.accepted', { unit, time });
    case 'declined':
      return say('timeline.offer.declined', { unit, time });
    case 'expired':
      return say('timeline.offer.expired', { unit });
    case 'withdrawn':
      return fact.acceptedBy
        ? say('timeline.offer.withdrawn_accepted', { unit, other: fact.acceptedBy })
        : say('timeline.offer.withdrawn', { unit });
    default:
      return say('timeline.offer.completed', { unit });
  }
}

function transitionText(fact: TimelineFact): DomainText {
  const who = fact.actorUnit ?? fact.actor ?? '?';
  const r = fact.resolution;
  if (fact.resolutionState === 'proposed' && r) {
    if (r.kind === 'schedule') return say('timeline.proposal.schedule', { unit: who, date: dayMonth(r.followUp.date) });
    return say('timeline.proposal.close', { unit: who, outcome: outcomeText(r.outcome) });
  }
  if (fact.actorUnit && fact.from === 'dispatched' && fact.to === 'in_progress') return say('timeline.on_scene', { unit: fact.actorUnit });
  // Nobody took it: the hub moved the report back to the queue on its follow-up date (hub/follow-up-job.ts).
  if (fact.from === 'scheduled' && fact.to === 'triaged' && !fact.actor && !fact.actorUnit) return say('timeline.follow_up_due');
  if (fact.from && fact.to) return say('timeline.status', { from: reportStatusText(fact.from), to: reportStatusText(fact.to) });
  return say('timeline.event', { type: fact.type });
}

/** The sentence for one event of a report's timeline. */
export function timelineText(fact: TimelineFact, timeZone: string = DEFAULT_TIME_ZONE): DomainText {
  switch (fact.type) {
    case 'report.created':
      return fact.partOf ? say('timeline.created.part', { number: fact.partOf }) : say('timeline.created');
    case 'report.updated':
      if (fact.split && fact.split.parts.length > 0) {
        const parts = fact.split.parts.join(', ');
        return fact.split.parts.length === 1 ? say('timeline.split.one', { parts }) : say('timeline.split', { count: fact.split.parts.length, parts });
      }
      if (!fact.callerLinked) return say('timeline.updated');
      return fact.callerLinked.name ? say('timeline.caller_linked.named', { name: fact.callerLinked.name }) : say('timeline.caller_linked');
    case 'report.transitioned':
      return transitionText(fact);
    case 'report.citizen_response':
      return say(fact.satisfied === false ? 'timeline.citizen.unsatisfied' : 'timeline.citizen.satisfied');
    case 'report.delivery':
      return say(`timeline.delivery.${fact.deliveryStatus ?? 'queued'}`);
    case 'report.question': {
      const q = fact.question;
      if (!q || q.step === 'expired') return sayQuestion('timeline.question.expired');
      if (q.step === 'answered') return sayQuestion(q.photo ? 'timeline.question.answered_photo' : 'timeline.question.answered');
      const channel = sayQuestion(q.channel === 'sms' ? 'question.channel.sms' : 'question.channel.email');
      return sayQuestion('timeline.question.asked', { channel, question: q.text });
    }
    case 'report.external':
      return fact.external ? sayExternal(`external.timeline.${fact.external.change}`, { party: fact.external.party }) : say('timeline.event', { type: fact.type });
    case 'report.photo':
      return say(fact.photo?.change === 'withdrawn' ? 'timeline.photo.withdrawn' : 'timeline.photo.approved');
    case 'assignment.updated':
      return offerText(fact, timeZone);
    case 'alert.raised':
    case 'alert.acked':
    case 'alert.addressed':
    case 'alert.escalated':
      return fact.alert === undefined ? say('timeline.alert.hidden') : say(`timeline.${fact.type}`, { alert: fact.alert });
    default:
      return say('timeline.event', { type: fact.type });
  }
}

/** A timeline text without the caller's name (for a role without `contacts.read`); others unchanged. */
export function withoutCallerName(text: DomainText): DomainText {
  return text.code === 'timeline.caller_linked.named' ? say('timeline.caller_linked') : text;
}
