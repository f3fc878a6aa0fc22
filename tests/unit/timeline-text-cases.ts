import { alertText } from '../../server/domain/alert-text';
import type { TimelineFact } from '../../server/domain/timeline-texts';

/**
 * The timeline in words as a table: an event of a report's log (as the store reads it) and its Dutch sentence.
 * Times are 2026-12-30 in winter (UTC+1) and 2026-07-01 in summer (UTC+2): the sentence shows Amsterdam time.
 */
const at = '2026-12-30T02:44:00.000Z';
const offer = { type: 'assignment.updated', at, unit: 'HH-11' } as const;
const resolution = {
  kind: 'schedule',
  found: { code: 'tak_laag', text: 'Tak hangt laag' },
  action: { code: 'tak_verwijderd', text: 'Tak afgezaagd' },
  followUp: { date: '2026-12-30', what: 'Boom snoeien', who: 'Stadsbeheer' },
} as const;
const closing = { kind: 'close', outcome: 'resolved', found: { code: 'a', text: 'Tak' }, action: { code: 'b', text: 'Weg' } } as const;
const alert = alertText({ kind: 'offer_expired', unit: 'HH-12', number: 'M-000001' });

export const TIMELINE_CASES: readonly [string, TimelineFact, string][] = [
  ['created', { type: 'report.created', at }, 'Melding aangemaakt'],
  ['changed', { type: 'report.updated', at, callerLinked: null }, 'Melding gewijzigd'],
  ['caller linked, name allowed', { type: 'report.updated', at, callerLinked: { name: 'J***' } }, 'Beller gekoppeld: J***'],
  ['caller linked, no name', { type: 'report.updated', at, callerLinked: { name: null } }, 'Beller gekoppeld'],
  ['split in two parts', { type: 'report.updated', at, split: { parts: ['M-000124', 'M-000125'] } }, 'Gesplitst in 2 deelmeldingen: M-000124, M-000125'],
  ['split in one part', { type: 'report.updated', at, split: { parts: ['M-000124'] } }, 'Gesplitst in 1 deelmelding: M-000124'],
  ['photo approved for the reporter', { type: 'report.photo', at, photo: { change: 'approved' } }, 'Foto goedgekeurd voor de melder'],
  ['photo approval withdrawn', { type: 'report.photo', at, photo: { change: 'withdrawn' } }, 'Goedkeuring van de foto voor de melder ingetrokken'],
  ['a part created', { type: 'report.created', at, partOf: 'M-000123' }, 'Deel van M-000123 aangemaakt'],
  ['status step', { type: 'report.transitioned', at, from: 'in_progress', to: 'scheduled', actor: 'Anna' }, 'Status: In behandeling → Ingepland'],
  ['unit on scene', { type: 'report.transitioned', at, from: 'dispatched', to: 'in_progress', actorUnit: 'HH-11' }, 'HH-11 ter plaatse'],
  ['follow-up date reached (no actor: the hub)', { type: 'report.transitioned', at, from: 'scheduled', to: 'triaged' }, 'Vervolgdatum bereikt: terug in de wachtrij'],
  ['follow-up taken up early by the desk', { type: 'report.transitioned', at, from: 'scheduled', to: 'triaged', actor: 'Anna' }, 'Status: Ingepland → In wachtrij'],
  [
    'proposal to schedule',
    { type: 'report.transitioned', at, from: 'in_progress', to: 'awaiting_review', actorUnit: 'HH-11', resolution, resolutionState: 'proposed' },
    'Voorstel van HH-11: ingepland voor 30-12',
  ],
  [
    'proposal to close',
    { type: 'report.transitioned', at, from: 'in_progress', to: 'awaiting_review', actorUnit: 'HH-11', resolution: closing, resolutionState: 'proposed' },
    'Voorstel van HH-11: afsluiten als Opgelost',
  ],
  ['offer by the desk', { ...offer, assignmentState: 'offered', offeredBy: 'u-1' }, 'HH-11 kreeg het aanbod (03:44)'],
  ['offer by the hub', { ...offer, assignmentState: 'offered', offeredBy: null }, 'Automatisch aangeboden aan HH-11 (03:44)'],
  ['accepted, summer time', { ...offer, at: '2026-07-01T01:45:00.000Z', assignmentState: 'accepted' }, 'HH-11 accepteerde het aanbod (03:45)'],
  ['declined', { ...offer, assignmentState: 'declined' }, 'HH-11 wees het aanbod af (03:44)'],
  ['expired', { ...offer, unit: 'HH-12', assignmentState: 'expired' }, 'Aanbod aan HH-12 verlopen'],
  ['withdrawn by the desk', { ...offer, unit: 'HH-12', assignmentState: 'withdrawn' }, 'Aanbod aan HH-12 ingetrokken'],
  [
    'withdrawn: another unit accepted',
    { ...offer, unit: 'HH-12', assignmentState: 'withdrawn', acceptedBy: 'HH-11' },
    'Aanbod aan HH-12 ingetrokken (HH-11 accepteerde)',
  ],
  ['completed', { ...offer, assignmentState: 'completed' }, 'HH-11 klaar met de inzet'],
  ['citizen satisfied', { type: 'report.citizen_response', at, satisfied: true }, 'Melder is tevreden'],
  ['citizen not satisfied', { type: 'report.citizen_response', at, satisfied: false }, 'Melder is niet tevreden'],
  ['message queued', { type: 'report.delivery', at, deliveryStatus: 'queued' }, 'Bericht aan melder klaargezet'],
  ['message sent', { type: 'report.delivery', at, deliveryStatus: 'sent' }, 'Bericht aan melder verstuurd'],
  ['message failed', { type: 'report.delivery', at, deliveryStatus: 'failed' }, 'Bericht aan melder niet bezorgd'],
  ['alert raised', { type: 'alert.raised', at, alert }, 'Alarm: Aanbod aan HH-12 voor M-000001 is verlopen'],
  ['alert acknowledged', { type: 'alert.acked', at, alert }, 'Alarm bevestigd: Aanbod aan HH-12 voor M-000001 is verlopen'],
  ['alert got its address', { type: 'alert.addressed', at, alert: 'Noodknop HH-11' }, 'Adres bij alarm gevonden: Noodknop HH-11'],
  ['alert escalated', { type: 'alert.escalated', at, alert }, 'Alarm opgeschaald: Aanbod aan HH-12 voor M-000001 is verlopen'],
  ['alert outside the reader’s audience', { type: 'alert.raised', at }, 'Alarm voor een andere rol'],
  ['an event without its own sentence', { type: 'report.something_new', at }, 'Gebeurtenis report.something_new'],
];
