import type { Priority } from '../protocol/report';
import { type DomainText, textMaker } from './domain-text';
import { sayQuestion } from './reporter-question-texts';

/** Dutch texts of the alerts consoles get, by code (see domain-text.ts). */
export const ALERT_TEXTS = {
  'alert.high_priority': 'Nieuwe melding met prioriteit {priority}: {number}',
  'alert.priority.urgent': 'urgent',
  'alert.priority.high': 'hoog',
  'alert.offer_declined': '{unit} heeft {number} afgewezen',
  'alert.offer_expired': 'Aanbod aan {unit} voor {number} is verlopen',
  'alert.emergency': 'NOODKNOP {unit}',
  'alert.check_in_missed': '{unit} antwoordt niet op "Alles in orde?"',
  'alert.proposal_review': 'Voorstel van {unit} voor {number} wacht op beoordeling',
  'alert.proposal_review.desk': 'Voorstel voor {number} wacht op beoordeling',
  'alert.reopen_requested': 'Verzoek om heropenen van {number}',
  'alert.delivery_failed': 'Bericht aan melder van {number} niet bezorgd',
  'alert.citizen_comment': 'Reactie van melder op {number} via {client}: {comment}',
  'alert.follow_up_due': 'Vervolg vandaag: {number} staat weer in de wachtrij ({what})',
  'alert.follow_up_other': 'Vervolg vandaag: vraag {who} ({number}: {what})',
  'alert.external_answered': '{party} heeft geantwoord op {number}',
} as const;

const say = textMaker(ALERT_TEXTS);

/** What an alert is about: the unit's callsign and the report's number and priority, where it has them. */
export type AlertSubject =
  | { kind: 'high_priority'; number: string; priority: Priority }
  | { kind: 'offer_declined' | 'offer_expired'; unit: string; number: string }
  | { kind: 'emergency'; unit: string }
  | { kind: 'check_in_missed'; unit: string }
  | { kind: 'proposal_review'; unit: string | null; number: string }
  | { kind: 'reopen_requested' | 'delivery_failed'; number: string }
  | { kind: 'citizen_comment'; number: string; client: string; comment: string }
  | { kind: 'follow_up_due'; number: string; what: string }
  | { kind: 'follow_up_other'; number: string; what: string; who: string }
  | { kind: 'reporter_answered' | 'question_unanswered'; number: string }
  | { kind: 'external_answered'; party: string; number: string };

/** An alert's text. Only urgent and high reports raise one; anything but urgent reads "hoog". */
export function alertText(subject: AlertSubject): DomainText {
  switch (subject.kind) {
    case 'high_priority': {
      const priority = say(subject.priority === 'urgent' ? 'alert.priority.urgent' : 'alert.priority.high');
      return say('alert.high_priority', { priority, number: subject.number });
    }
    case 'offer_declined':
    case 'offer_expired':
      return say(`alert.${subject.kind}`, { unit: subject.unit, number: subject.number });
    case 'emergency':
      return say('alert.emergency', { unit: subject.unit });
    case 'check_in_missed':
      return say('alert.check_in_missed', { unit: subject.unit });
    case 'proposal_review':
      return subject.unit === null
        ? say('alert.proposal_review.desk', { number: subject.number })
        : say('alert.proposal_review', { unit: subject.unit, number: subject.number });
    case 'reopen_requested':
    case 'delivery_failed':
      return say(`alert.${subject.kind}`, { number: subject.number });
    case 'citizen_comment':
      return say('alert.citizen_comment', { number: subject.number, client: subject.client, comment: subject.comment });
    case 'follow_up_due':
      return say('alert.follow_up_due', { number: subject.number, what: subject.what });
    case 'follow_up_other':
      return say('alert.follow_up_other', { number: subject.number, what: subject.what, who: subject.who });
    case 'reporter_answered':
    case 'question_unanswered':
      return sayQuestion(`alert.${subject.kind}`, { number: subject.number });
    case 'external_answered':
      return say('alert.external_answered', { party: subject.party, number: subject.number });
  }
}
