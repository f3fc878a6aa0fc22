import { describe, expect, it } from 'vitest';
import { makeTranslateText } from '../../renderer/console/i18n';
import { isMessageKey, MESSAGES } from '../../renderer/console/i18n/messages';
import { makeFieldI18n } from '../../renderer/field/messages';
import { renderDomainText } from '../../renderer/shared/i18n/domainText';
import { VOCABULARY } from '../../renderer/shared/i18n/vocabulary';
import { ALERT_TEXTS, alertText } from '../../server/domain/alert-text';
import { reasonText } from '../../server/commands/auto-dispatch';
import { DISPATCH_TEXTS } from '../../server/domain/dispatch-texts';
import { planSlots } from '../../server/domain/run-cards';
import { UNIT_KINDS } from '../../server/domain/unit-skills';
import type { Recommendation, UnitKind } from '../../server/protocol/dispatch';
import { DISTANCE_TEXTS, distanceText } from '../../server/domain/distance-text';
import { checkReturnStatus, EMERGENCY_TEXTS, emergencyText } from '../../server/domain/emergency';
import { COMMAND_TEXTS, commandText } from '../../server/domain/command-texts';
import { checkSpecific } from '../../server/domain/feedback';
import { codesIn, type DomainText, LIST_TEXTS, textMaker } from '../../server/domain/domain-text';
import { FEEDBACK_TEXTS } from '../../server/domain/feedback-texts';
import { INPUT_TEXTS } from '../../server/domain/input-texts';
import {
  ACTORS,
  actorText,
  checkTransition,
  LIFECYCLE_TEXTS,
  outcomeText,
  reportStatusText,
  TRANSITION_LABEL_TEXTS,
  TRANSITIONS,
} from '../../server/domain/lifecycle';
import { decideOfferAnswer, OFFER_TEXTS } from '../../server/domain/offers';
import { recommendUnits } from '../../server/domain/recommend';
import { RECOMMEND_TEXTS } from '../../server/domain/recommend-texts';
import { RESOLUTION_TEXTS, validateResolution } from '../../server/domain/resolution';
import { READABILITY_TEXTS, readabilityText } from '../../server/domain/readability-texts';
import { CsvFormatError, MAX_IMPORT_ROWS, mapRows, mappingErrors, readCsv } from '../../server/domain/signal-import';
import { SIGNAL_IMPORT_TEXTS } from '../../server/domain/signal-import-texts';
import { DOMAIN_TEXTS } from '../../server/domain/text-catalogue';
import { loginBlockedText, THROTTLE_TEXTS, throttleText } from '../../server/domain/throttle';
import {
  checkUnitTransition,
  UNIT_STATUSES,
  UNIT_TEXTS,
  UNIT_TRANSITIONS,
  unitStatusText,
} from '../../server/domain/unit-status';
import { Outcome, ReportStatus } from '../../server/protocol/report';
import { refusalTexts } from './domain-text-refusals';
import { userTexts } from './domain-text-users';
import { USER_TEXTS } from '../../server/domain/user-texts';
import { CONTEXT_TEXTS, contextText } from '../../server/domain/report-context';
import { TIMELINE_TEXTS, timelineText } from '../../server/domain/timeline-texts';
import { checkAnswerText, EXTERNAL_TEXTS, sayExternal } from '../../server/domain/external-referrals';
import { TIMELINE_CASES } from './timeline-text-cases';
import { channelText, QUESTION_TEXTS, sayQuestion } from '../../server/domain/reporter-question';
import { checkCloseWithParts, checkReopenPart, checkSplit, noCitizenOnPart, partTeam, SUB_REPORT_TEXTS } from '../../server/domain/sub-reports';

const TABLES = {
  UNIT_TEXTS,
  EMERGENCY_TEXTS,
  LIFECYCLE_TEXTS,
  TRANSITION_LABEL_TEXTS,
  OFFER_TEXTS,
  RECOMMEND_TEXTS,
  DISTANCE_TEXTS,
  ALERT_TEXTS,
  DISPATCH_TEXTS,
  RESOLUTION_TEXTS,
  SIGNAL_IMPORT_TEXTS,
  THROTTLE_TEXTS,
  FEEDBACK_TEXTS,
  INPUT_TEXTS,
  COMMAND_TEXTS,
  CONTEXT_TEXTS,
  USER_TEXTS,
  LIST_TEXTS,
  TIMELINE_TEXTS,
  QUESTION_TEXTS,
  EXTERNAL_TEXTS,
  SUB_REPORT_TEXTS,
  READABILITY_TEXTS,
};
const CODES = Object.keys(DOMAIN_TEXTS);
/** csv-parse names the line of every error it reports, so the variant without one is not driven here. */
const NOT_DRIVEN = ['import.file.invalid'];

function csvError(csv: string): DomainText {
  try {
    readCsv(csv);
  } catch (error) {
    if (error instanceof CsvFormatError) return error.text;
  }
  throw new Error(`no CSV error for ${JSON.stringify(csv.slice(0, 40))}`);
}

/** Texts the domain emits, from driving each emitter through its cases. */
function emitted(): DomainText[] {
  const texts: DomainText[] = [
    ...UNIT_STATUSES.map(unitStatusText),
    ...ReportStatus.options.map(reportStatusText),
    ...Outcome.options.map(outcomeText),
    ...ACTORS.map(actorText),
    readabilityText('readability.below_floor', { score: 42.5, floor: 60 }),
  ];
  for (const from of UNIT_STATUSES) {
    for (const to of UNIT_STATUSES) {
      for (const actor of ['field', 'dispatcher', 'police_coordinator'] as const) {
        const check = checkUnitTransition({ from, to, actor });
        if (!check.ok) texts.push(check.text);
      }
    }
  }
  texts.push(...UNIT_TRANSITIONS.flatMap((t) => [t.labelText, ...(t.viaText ? [t.viaText] : [])]));
  for (const from of ReportStatus.options) {
    for (const to of ReportStatus.options) {
      for (const role of ACTORS) {
        for (const outcome of [undefined, ...Outcome.options]) {
          const check = checkTransition({ from, to, role, ...(outcome ? { outcome } : {}) });
          if (!check.ok) texts.push(check.text);
        }
      }
    }
  }
  const scheduling = {
    kind: 'schedule',
    found: { code: 'tak_laag', text: 'Tak hangt laag' },
    action: { code: 'tak_verwijderd', text: 'Tak afgezaagd' },
    followUp: { date: '2027-06-14', what: 'Boom snoeien', who: 'Stadsbeheer' },
  } as const;
  const wrongKind = checkTransition({ from: 'awaiting_review', to: 'closed', role: 'dispatcher', resolution: scheduling });
  if (!wrongKind.ok) texts.push(wrongKind.text);
  // A split report whose parts are closed but none resolved: the guard names the parts rule.
  const guarded = checkTransition({ from: 'triaged', to: 'closed', role: 'dispatcher', outcome: 'resolved', parts: { total: 2, open: 0, resolved: 0 } });
  if (!guarded.ok) texts.push(guarded.text);
  texts.push(...TRANSITIONS.map((t) => t.labelText));
  const expiresAt = '2026-03-10T10:01:00.000Z';
  const now = new Date('2026-03-10T10:00:00.000Z');
  for (const state of ['offered', 'accepted', 'declined', 'expired', 'withdrawn', 'completed'] as const) {
    for (const unitStatus of ['aangeboden', 'bezet'] as const) {
      const decision = decideOfferAnswer({ assignment: { state, expiresAt }, answer: 'accept', now, unitStatus, reportStatus: 'closed' });
      if (!decision.ok) texts.push(decision.text);
    }
  }
  const report = { lat: 52.08, lng: 4.31, category: 'afval' };
  const around: [number, number][][] = [[[4.3, 52.07], [4.32, 52.07], [4.32, 52.09], [4.3, 52.09], [4.3, 52.07]]];
  const unit = (id: string, position: { lat: number; lng: number; at: string } | null, load: number) => ({
    id,
    callsign: id,
    kind: 'toezicht_afval_fietsen' as const,
    status: 'beschikbaar' as const,
    position,
    load,
    taskedAreaPolygons: load > 0 ? [around] : [],
  });
  const units = [
    unit('A', { lat: 52.081, lng: 4.31, at: '2026-03-10T09:59:00.000Z' }, 0),
    unit('B', { lat: 52.1, lng: 4.31, at: '2026-03-10T09:50:00.000Z' }, 1),
    unit('C', { lat: 52.5, lng: 4.31, at: '2026-03-09T09:00:00.000Z' }, 2),
    unit('D', { lat: 52.08, lng: 4.31, at: '2026-03-05T12:00:00.000Z' }, 0),
    unit('E', { lat: 52.08, lng: 4.31, at: '2026-03-08T12:00:00.000Z' }, 0),
    unit('F', { lat: 52.08, lng: 4.31, at: 'geen tijd' }, 0),
    unit('G', null, 0),
    unit('H', { lat: 52.08, lng: 4.31, at: '2026-03-10T07:00:00.000Z' }, 0),
  ];
  texts.push(...recommendUnits(report, units, now).flatMap((r) => r.reasonTexts));
  texts.push(...[0, 996, 12_400, 1_250_000, Number.NaN].map(distanceText));
  texts.push(
    alertText({ kind: 'high_priority', number: 'M-1', priority: 'urgent' }),
    alertText({ kind: 'high_priority', number: 'M-2', priority: 'high' }),
    alertText({ kind: 'offer_declined', unit: 'HH-1', number: 'M-3' }),
    alertText({ kind: 'offer_expired', unit: 'HH-1', number: 'M-3' }),
    alertText({ kind: 'emergency', unit: 'HH-1' }),
    alertText({ kind: 'check_in_missed', unit: 'HH-1' }),
    alertText({ kind: 'proposal_review', unit: 'HH-1', number: 'M-4' }),
    alertText({ kind: 'proposal_review', unit: null, number: 'M-4' }),
    alertText({ kind: 'reopen_requested', number: 'M-5' }),
    alertText({ kind: 'delivery_failed', number: 'M-6' }),
    alertText({ kind: 'follow_up_due', number: 'M-7', what: 'Boom snoeien' }),
    alertText({ kind: 'follow_up_other', number: 'M-8', what: 'Boom snoeien', who: 'team Groen' }),
  );
  for (const input of [
    {},
    { kind: 'schedule' },
    { kind: 'close', found: { code: 'x', text: 'kort' }, action: { code: '', text: 'x'.repeat(2001) } },
    { kind: 'close', outcome: 'referred', found: { text: 'afgehandeld' }, action: {} },
    { kind: 'schedule', followUp: { date: 'morgen', what: '', who: '' } },
    { kind: 'schedule', followUp: { date: '2020-01-01' } },
    { kind: 'schedule', followUp: { date: '2030-01-01' } },
  ]) {
    const result = validateResolution(input, { category: 'groen', today: '2027-05-20' });
    if (!result.ok) texts.push(...Object.values(result.fieldTexts));
  }
  const csv = [
    'tekst;lat;lng;datum;wijk;id',
    ';;;;;Z',
    `${'x'.repeat(4001)};abc;200;gisteren;${'p'.repeat(201)};${'i'.repeat(201)}`,
    'Een;52;4;2030-01-01;;A',
    'Twee;52;4;2026-01-01;;A',
    'Drie;52;4;2026-01-01;;B;extra',
  ].join('\n');
  const mapping = { text: 'tekst', lat: 'lat', lng: 'lng', occurredAt: 'datum', place: 'wijk', externalId: 'id' };
  for (const row of mapRows(readCsv(csv), mapping, { now }).rejected) texts.push(...Object.values(row.errorTexts ?? {}));
  const everyColumn = { text: 't', lat: 'la', lng: 'ln', occurredAt: 'd', place: 'p', externalId: 'i' };
  texts.push(...Object.values(mappingErrors(['a'], everyColumn)));
  texts.push(
    csvError(''),
    csvError('a,b\n"niet gesloten,1\n'),
    csvError('a,b\n"x"y,1\n'),
    csvError(['a', ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => String(i))].join('\n')),
  );
  // The staged import's refusals (commands/survey-import.ts).
  const sayImport = textMaker(SIGNAL_IMPORT_TEXTS);
  texts.push(sayImport('import.file.in_progress'), sayImport('import.file.interrupted'));
  texts.push(...refusalTexts());
  // Emergencies (domain/emergency.ts, commands/emergency.ts).
  texts.push(
    ...[checkReturnStatus('aangeboden', true), checkReturnStatus('ter_plaatse', false)].filter((x) => x !== undefined),
    ...(['emergency.not_found', 'emergency.ended', 'emergency.already_acknowledged', 'emergency.no_units', 'emergency.no_position'] as const).map((c) => emergencyText(c)),
  );
  texts.push(...userTexts());
  // A report's context: address notes and the field worklist (domain/report-context.ts).
  texts.push(...(Object.keys(CONTEXT_TEXTS) as (keyof typeof CONTEXT_TEXTS)[]).map((c) => contextText(c, { number: 'M-000001', days: 366 })));
  texts.push(
    loginBlockedText(90_000),
    throttleText('throttle.status.number_blocked', { minutes: 3 }),
    throttleText('throttle.status.address_blocked', { minutes: 60 }),
    throttleText('throttle.status.one_value'),
    throttleText('throttle.unblock.not_found'),
  );
  // Run cards, extra units and automatic offers (domain/dispatch-texts.ts).
  const sayDispatch = textMaker(DISPATCH_TEXTS);
  const rec = (kind: UnitKind, distanceMeters: number): Recommendation => ({ unitId: kind, callsign: kind, kind, status: 'beschikbaar', distanceMeters, positionAgeSeconds: 0, load: 0, taskedToArea: false, score: distanceMeters, reasons: [], reasonTexts: [] });
  for (const kinds of [[], ...UNIT_KINDS.map((k) => [k])] as UnitKind[][]) {
    for (const units of [1, 2]) {
      texts.push(planSlots({ units, unitKinds: kinds }, UNIT_KINDS.map((k) => rec(k, 500)), { accepted: 0, offered: 0 }).text);
      texts.push(planSlots({ units, unitKinds: kinds }, [], { accepted: 0, offered: 0 }).text);
      texts.push(planSlots({ units, unitKinds: kinds }, [], { accepted: units, offered: 0 }).text);
    }
  }
  texts.push(sayDispatch('dispatch.refusal.already_has_unit', { number: 'M-000001', units: 'HH-11' }), sayDispatch('dispatch.refusal.run_card_not_found'));
  for (const reason of [{ kind: 'no_desk' as const }, { kind: 'waited' as const, minutes: 15 }]) {
    texts.push(sayDispatch('alert.auto_dispatched', { units: 'HH-11', reason: reasonText(reason) }));
  }
  // The report timeline in words (domain/timeline-texts.ts).
  texts.push(...TIMELINE_CASES.map(([, fact]) => timelineText(fact)));
  // Asking the reporter and satisfaction reasons (domain/reporter-question.ts): refusals, alerts, timeline lines.
  texts.push(
    ...(['question.already_open', 'question.no_reporter', 'question.closed_report', 'question.none_open', 'question.answer_required', 'question.answer_too_long'] as const).map((c) => sayQuestion(c)),
    sayQuestion('question.no_channel', { channel: channelText('sms') }),
    channelText('email'),
    alertText({ kind: 'reporter_answered', number: 'M-7' }),
    alertText({ kind: 'question_unanswered', number: 'M-7' }),
    ...(['asked', 'answered', 'expired'] as const).map((step) => timelineText({ type: 'report.question', at: '2026-12-07T09:00:00.000Z', question: { step, text: 'Waar?', channel: 'email', photo: false } })),
    timelineText({ type: 'report.question', at: '2026-12-07T09:00:00.000Z', question: { step: 'answered', text: 'Waar?', channel: 'email', photo: true } }),
    ...(['satisfaction.reason_unknown', 'satisfaction.reason_mismatch', 'satisfaction.period'] as const).map((c) => sayQuestion(c)),
  );
  // Hand-off to an external party (domain/external-referrals.ts): refusals, the answer's checks, alert, timeline lines.
  texts.push(
    ...(['external.report_closed', 'external.not_found', 'external.already_revoked', 'external.already_answered', 'external.link_expired', 'external.link_revoked'] as const).map((c) => sayExternal(c)),
    sayExternal('external.too_many_photos', { max: 3 }),
    alertText({ kind: 'external_answered', party: 'Staedion', number: 'M-7' }),
    // A citizen's comment through Open311 (FixMyStreet's servicerequestupdates).
    alertText({ kind: 'citizen_comment', number: 'M-7', client: 'FixMyStreet', comment: 'De tak hangt er nog' }),
    ...(['referred', 'revoked', 'answered'] as const).map((change) => timelineText({ type: 'report.external', at: '2026-12-07T09:00:00.000Z', external: { change, party: 'Staedion' } })),
  );
  for (const raw of ['', 'x'.repeat(5000)]) {
    const checked = checkAnswerText(raw);
    if ('error' in checked) texts.push(checked.error);
  }
  // Sub-reports (domain/sub-reports.ts): every refusal.
  const target = { number: 'M-000001', status: 'new' as const, parentNumber: null, partCount: 0 };
  for (const check of [
    checkSplit({ ...target, parentNumber: 'M-000000' }, 1),
    checkSplit({ ...target, status: 'closed' }, 1),
    checkSplit({ ...target, partCount: 10 }, 1),
    partTeam('Brandweer', 'Toezicht afval', ['Toezicht afval']),
    checkCloseWithParts('M-000001', [{ number: 'M-000002', status: 'triaged' }]),
    checkReopenPart({ number: 'M-000002' }, { number: 'M-000001', status: 'closed' }),
    noCitizenOnPart({ number: 'M-000002' }, 'M-000001'),
  ]) {
    if (!check.ok) texts.push(check.text);
  }
  return texts;
}

describe('the domain texts and the renderer catalogues', () => {
  it('no two domain tables use the same code', () => {
    const total = Object.values(TABLES).reduce((n, table) => n + Object.keys(table).length, 0);
    expect(CODES).toHaveLength(total);
  });

  it('the cases here reach every code in the tables (so the next test sees them all)', () => {
    const reached = new Set(emitted().flatMap(codesIn));
    expect(CODES.filter((code) => !reached.has(code))).toEqual(NOT_DRIVEN);
  });

  it('every code the domain emits is in its tables, nested codes included', () => {
    const unknown = emitted().flatMap(codesIn).filter((code) => !(code in DOMAIN_TEXTS));
    expect(unknown).toEqual([]);
  });

  it.each(['nl', 'en'] as const)('the %s console and field catalogues have every domain code', (locale) => {
    const console = CODES.filter((code) => !isMessageKey(code) || !MESSAGES[locale][code]);
    const field = CODES.filter((code) => !(VOCABULARY[locale] as Record<string, string>)[code]);
    expect(console).toEqual([]);
    expect(field).toEqual([]);
  });

  it('English has the same placeholders as Dutch for every code', () => {
    const names = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const code of CODES) {
      expect(names(MESSAGES.en[code as keyof typeof MESSAGES.en]), code).toEqual(
        names(DOMAIN_TEXTS[code as keyof typeof DOMAIN_TEXTS]),
      );
    }
  });

  it('the Dutch console and field say exactly what the domain says, for every text it emits', () => {
    const consoleNl = makeTranslateText('nl');
    const fieldNl = makeFieldI18n('nl');
    const texts = emitted();
    expect(texts.length).toBeGreaterThan(100);
    for (const text of texts) {
      expect(consoleNl(text), text.code).toBe(text.message);
      expect(fieldNl.text(text), text.code).toBe(text.message);
    }
  });

  it('English shows no Dutch for a sample of refusals, reasons and alerts', () => {
    const en = makeTranslateText('en');
    const refusal = checkUnitTransition({ from: 'aangeboden', to: 'onderweg', actor: 'dispatcher' });
    expect(refusal.ok ? '' : en(refusal.text)).toBe(
      'The step "Offer accepted" is taken by the system itself, through the answer to the offer or its expiry.',
    );
    const closing = checkTransition({ from: 'new', to: 'closed', role: 'dispatcher', outcome: 'resolved' });
    expect(closing.ok ? '' : en(closing.text)).toBe('From "New" a report cannot be closed as "Resolved".');
    expect(en(distanceText(1234))).toBe('1.2 km');
    expect(en(distanceText(1_250_000))).toBe('1,250 km');
    expect(en(alertText({ kind: 'high_priority', number: 'M-7', priority: 'urgent' }))).toBe(
      'New report with priority urgent: M-7',
    );
    expect(makeFieldI18n('en').text(UNIT_TRANSITIONS[0]!.labelText)).toBe('Start shift');
    expect(en(commandText('command.offer.unit_not_available', { unit: 'HH-1' }))).toBe('HH-1 is not available');
    const specific = checkSpecific('Afgehandeld.', { kind: 'close', outcome: 'resolved', found: { code: 'a', text: 'Tak laag' }, action: { code: 'b', text: 'Tak weg' } }, 'nl');
    expect(specific.ok ? '' : en(specific.text)).toBe(
      'The message must state literally: what was found, what was done. If needed, change the resolution, not just the message.',
    );
  });

  it('a code the catalogue does not know shows the hub message', () => {
    const unknown = { code: 'unit.something_new', params: {}, message: 'Iets nieuws.' };
    expect(makeTranslateText('en')(unknown)).toBe('Iets nieuws.');
    expect(renderDomainText(unknown, () => undefined)).toBe('Iets nieuws.');
  });
});
