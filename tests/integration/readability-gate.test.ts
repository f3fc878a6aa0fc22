import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedbackPreview } from '../../server/protocol/lifecycle-api';
import type { Report } from '../../server/protocol/report';
import { dispatchThroughOffer } from '../support/dispatch-offer';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

function plusDays(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const DATE = plusDays(30);

/** Officialese, long words and one long sentence, with what the message must say literally: far below the floor of 60. */
const hardText = (LONG_DATE: string) =>
  'Geachte heer/mevrouw,\n\nNaar aanleiding van uw melding betreffende de overhangende beplanting (tak hangt laag) delen wij u mede dat ' +
  'de desbetreffende verantwoordelijkheidsverdeling inzake onderhoudswerkzaamheden conform de vigerende beleidsuitgangspunten onverwijld ' +
  `in behandeling genomen is, waarbij De tak wordt gesnoeid op ${LONG_DATE} overeenkomstig de geldende onderhoudsplanning.`;

/** The same facts in plain words. */
const plainText = (LONG_DATE: string) =>
  `Beste Jan Jansen,\n\nWe zijn gaan kijken. Wat we zagen: tak hangt laag. De tak wordt gesnoeid op ${LONG_DATE}. Team Groen doet dat.\n\n` +
  'Met vriendelijke groet,\nTeam Handhaving';

const SCHEDULE = {
  kind: 'schedule',
  found: { code: 'tak_laag', text: 'tak hangt laag' },
  action: { code: 'onderhoudsronde', text: 'gemarkeerd voor snoeiploeg' },
  followUp: { date: DATE, what: 'De tak wordt gesnoeid', who: 'Team Groen' },
};

type Answer = Report & { code?: string; fieldTexts?: Record<string, { code: string; params: Record<string, unknown> }> };

describe('readability of citizen messages: the preview scores, the floor gates (sqlite)', () => {
  let smtp: TestSmtp;
  let t: TestHub;
  let token: string;

  beforeEach(async () => {
    smtp = await startTestSmtp();
    t = await startTestHub({ store: 'sqlite', smtp });
    token = (await t.login('centralist')).token;
  });
  afterEach(async () => {
    await t.stop();
    await smtp.stop();
  });

  async function underReview(withReporter: boolean): Promise<Report> {
    const res = await t.api<Report>('POST', '/api/reports', token, {
      ...sampleReport({ description: 'Boomtak hangt laag over de stoep', category: 'groen' }),
      ...(withReporter ? { reporter: { name: 'Jan Jansen', email: 'melder@example.nl' }, consent: { contact: true } } : {}),
    });
    expect(res.status).toBe(201);
    const id = res.body.id;
    expect((await t.api('POST', `/api/reports/${id}/transition`, token, { to: 'triaged' })).status).toBe(200);
    expect((await dispatchThroughOffer(t, token, id)).status).toBe('dispatched');
    expect((await t.api('POST', `/api/reports/${id}/transition`, token, { to: 'in_progress' })).status).toBe(200);
    // The field's proposal: the desk reviews it and schedules.
    expect((await t.api('POST', `/api/reports/${id}/transition`, token, { to: 'awaiting_review', resolution: SCHEDULE })).status).toBe(200);
    return res.body;
  }

  /** The follow-up date as the composed message writes it (the message must name it literally). */
  async function writtenDate(id: string): Promise<string> {
    const res = await t.api<{ preview: FeedbackPreview }>('POST', `/api/reports/${id}/preview`, token, { to: 'scheduled', resolution: SCHEDULE });
    const date = /((maan|dins|woens|donder|vrij|zater|zon)dag )?\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}/.exec(res.body.preview.text)?.[0];
    if (!date) throw new Error(`no date in ${res.body.preview.text}`);
    return date;
  }

  const outboxCount = async () => (await t.hub.store.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

  it('the preview carries score, level, hints and the floor, for the composed and for an edited text', async () => {
    const report = await underReview(true);
    const composed = await t.api<{ preview: FeedbackPreview }>('POST', `/api/reports/${report.id}/preview`, token, { to: 'scheduled', resolution: SCHEDULE });
    expect(composed.status, JSON.stringify(composed.body)).toBe(200);
    const r = composed.body.preview.readability!;
    expect(r.floor).toBe(60);
    expect(r.locale).toBe('nl');
    expect(typeof r.score).toBe('number');
    expect(r.belowFloor).toBe(r.score! < 60);

    const edited = await t.api<{ preview: FeedbackPreview }>('POST', `/api/reports/${report.id}/preview`, token, {
      to: 'scheduled',
      resolution: SCHEDULE,
      message: { text: hardText(await writtenDate(report.id)) },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const hard = edited.body.preview.readability!;
    expect(hard.score!).toBeLessThan(45);
    expect(hard.level).toBe('hard');
    expect(hard.belowFloor).toBe(true);
    const kinds = new Set(hard.hints.map((h) => h.kind));
    expect(kinds).toEqual(new Set(['long_sentence', 'plain_word', 'long_word']));
    const plain = hard.hints.find((h) => h.kind === 'plain_word' && h.text === 'in behandeling genomen');
    expect(plain && hardText(await writtenDate(report.id)).slice(plain.start, plain.end)).toBe('in behandeling genomen');
  });

  it('a scheduling message below the floor is refused (422, nothing changes) until confirmed', async () => {
    const report = await underReview(true);
    await smtp.waitForMessages(1); // the receipt
    const before = await outboxCount();
    const refused = await t.api<Answer>('POST', `/api/reports/${report.id}/transition`, token, {
      to: 'scheduled',
      resolution: SCHEDULE,
      message: { text: hardText(await writtenDate(report.id)) },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('validation');
    expect(refused.body.fieldTexts?.['message.text']?.code).toBe('readability.below_floor');
    expect(refused.body.fieldTexts?.['message.text']?.params.floor).toBe(60);
    const detail = await t.api<{ report: Report }>('GET', `/api/reports/${report.id}`, token);
    expect(detail.body.report.status).toBe('awaiting_review');
    expect(await outboxCount()).toBe(before);

    const confirmed = await t.api<Answer>('POST', `/api/reports/${report.id}/transition`, token, {
      to: 'scheduled',
      resolution: SCHEDULE,
      message: { text: hardText(await writtenDate(report.id)) },
      confirmLowReadability: true,
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.status).toBe('scheduled');
    const [, mail] = await smtp.waitForMessages(2);
    expect(mail?.text).toContain('verantwoordelijkheidsverdeling');
  });

  it('a plain message goes without confirmation; a report nobody hears about needs none', async () => {
    const report = await underReview(true);
    const sent = await t.api<Answer>('POST', `/api/reports/${report.id}/transition`, token, { to: 'scheduled', resolution: SCHEDULE, message: { text: plainText(await writtenDate(report.id)) } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);

    const silent = await underReview(false);
    const noOne = await t.api<Answer>('POST', `/api/reports/${silent.id}/transition`, token, {
      to: 'scheduled',
      resolution: SCHEDULE,
      message: { text: hardText(await writtenDate(report.id)) },
    });
    expect(noOne.status, JSON.stringify(noOne.body)).toBe(200);
  });

  it('the floor is a setting (0 switches the confirmation off)', async () => {
    await t.stop();
    t = await startTestHub({ store: 'sqlite', smtp, config: { readabilityFloor: 0 } });
    token = (await t.login('centralist')).token;
    const report = await underReview(true);
    const preview = await t.api<{ preview: FeedbackPreview }>('POST', `/api/reports/${report.id}/preview`, token, {
      to: 'scheduled',
      resolution: SCHEDULE,
      message: { text: hardText(await writtenDate(report.id)) },
    });
    expect(preview.body.preview.readability).toMatchObject({ floor: 0, belowFloor: false });
    const sent = await t.api<Answer>('POST', `/api/reports/${report.id}/transition`, token, { to: 'scheduled', resolution: SCHEDULE, message: { text: hardText(await writtenDate(report.id)) } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  });
});
