import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportDetail } from '../../server/protocol/detail';
import type { Report } from '../../server/protocol/report';
import { decodeQueueRows, type QueuePage } from '../../server/protocol/report-queue';
import type { SplitReportResponse, SubReportsDetail } from '../../server/protocol/sub-reports';
import { storeKinds } from '../support/databases';
import { dispatchThroughOffer } from '../support/dispatch-offer';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

type Answer = Report & { code?: string; message?: string; text?: { code: string; params: Record<string, unknown> }; fields?: Record<string, string> };

const SOFA_ACTION = 'Bank en matras opgehaald door de reinigingsdienst';
const MAIN_ACTION = 'Melding in twee delen opgepakt';

function closing(outcome: string, action: string, referredTo?: string) {
  return {
    kind: 'close',
    outcome,
    found: { code: 'zoals_gemeld', text: 'Bank en matras op de stoep' },
    action: { code: 'ter_plaatse_opgelost', text: action },
    ...(referredTo ? { referredTo } : {}),
  };
}

/**
 * Sub-reports (deelmeldingen) over a real hub, store and SMTP server: split, each part's own lifecycle and resolution,
 * silence towards the citizen for parts, the main report's closing refused while parts are open and its message
 * summing up the parts, parts in the queue and the detail, and who may split.
 */
describe('sub-reports over sqlite', () => {
  let smtp: TestSmtp;
  let t: TestHub;
  let desk: string;

  beforeEach(async () => {
    smtp = await startTestSmtp();
    t = await startTestHub({ store: 'sqlite', smtp });
    desk = (await t.login('centralist')).token;
  });
  afterEach(async () => {
    await t.stop();
    await smtp.stop();
  });

  async function createMain(): Promise<Report> {
    const res = await t.api<Report>('POST', '/api/reports', desk, {
      ...sampleReport({ category: 'afval', description: 'Bank en matras gedumpt naast de container' }),
      reporter: { name: 'J. Jansen', email: 'melder@example.nl' },
      consent: { contact: true },
    });
    expect(res.status).toBe(201);
    await smtp.waitForMessages(1);
    return res.body;
  }

  async function split(id: string, body: object, token = desk) {
    return t.api<SplitReportResponse & Answer>('POST', `/api/reports/${id}/parts`, token, body);
  }

  async function move(id: string, body: object) {
    return t.api<Answer>('POST', `/api/reports/${id}/transition`, desk, body);
  }

  async function outboxRows(reportId: string): Promise<number> {
    const rows = await t.hub.store.db.selectFrom('outbox').select('id').where('report_id', '=', reportId).execute();
    return rows.length;
  }

  it('splits a report into parts with their own lifecycle; parts stay silent, the main report closes last and sums them up', async () => {
    const main = await createMain();
    const res = await split(main.id, {
      parts: [
        { description: 'Bank en matras ophalen' },
        { category: 'overlast', team: 'handhaving boa', description: 'Dumping onderzoeken, mogelijk bedrijfsafval' },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const [sofa, dumping] = res.body.parts;
    if (!sofa || !dumping) throw new Error('two parts expected');
    expect(res.body.report.partCount).toBe(2);
    expect(sofa).toMatchObject({ status: 'triaged', category: 'afval', parentNumber: main.number, hasReporter: false, address: main.address });
    expect(dumping).toMatchObject({ status: 'triaged', category: 'overlast', parentNumber: main.number });
    expect(sofa.number).not.toBe(main.number);
    expect(sofa.slaDeadline).toBe(main.slaDeadline);

    // The detail lists the parts with their teams (the category's by default, a known team as typed otherwise).
    const parts = await t.api<SubReportsDetail>('GET', `/api/reports/${main.id}/parts`, desk);
    expect(parts.status).toBe(200);
    expect(parts.body.partOf).toBeNull();
    expect(parts.body.parts.map((p) => [p.number, p.team, p.status])).toEqual([
      [sofa.number, 'Toezicht afval', 'triaged'],
      [dumping.number, 'Handhaving BOA', 'triaged'],
    ]);
    // The timeline says what happened: the main report was split into these parts; each part names its main report.
    const mainTimeline = (await t.api<ReportDetail>('GET', `/api/reports/${main.id}`, desk)).body.timeline.map((e) => e.text?.message);
    expect(mainTimeline).toContain(`Gesplitst in 2 deelmeldingen: ${sofa.number}, ${dumping.number}`);
    expect(mainTimeline).not.toContain('Melding gewijzigd');
    const partTimeline = (await t.api<ReportDetail>('GET', `/api/reports/${sofa.id}`, desk)).body.timeline.map((e) => e.text?.message);
    expect(partTimeline[0]).toBe(`Deel van ${main.number} aangemaakt`);
    const ofPart = await t.api<SubReportsDetail>('GET', `/api/reports/${dumping.id}/parts`, desk);
    expect(ofPart.body).toEqual({ partOf: { id: main.id, number: main.number, team: 'Handhaving BOA' }, parts: [] });

    // The queue: parts as their own rows with their main report's number, the main report with its count.
    const page = await t.api<QueuePage>('GET', '/api/reports/queue?limit=50', desk);
    const rows = decodeQueueRows(page.body.fields, page.body.rows);
    expect(rows.find((r) => r.id === main.id)?.partCount).toBe(2);
    expect(rows.find((r) => r.id === sofa.id)?.parentNumber).toBe(main.number);
    expect(rows.find((r) => r.id === dumping.id)?.parentNumber).toBe(main.number);

    // The sofa part goes through its own lifecycle: a unit, a proposal, the desk closes it. Nothing to the citizen.
    await dispatchThroughOffer(t, desk, sofa.id);
    expect((await move(sofa.id, { to: 'in_progress' })).status).toBe(200);
    expect((await move(sofa.id, { to: 'awaiting_review', resolution: closing('resolved', SOFA_ACTION) })).status).toBe(200);
    const preview = await t.api<{ preview: unknown }>('POST', `/api/reports/${sofa.id}/preview`, desk, { to: 'closed', resolution: closing('resolved', SOFA_ACTION) });
    expect(preview.status).toBe(200);
    expect(preview.body.preview).toBeNull();
    const closedSofa = await move(sofa.id, { to: 'closed', resolution: closing('resolved', SOFA_ACTION) });
    expect(closedSofa.status, JSON.stringify(closedSofa.body)).toBe(200);
    expect(closedSofa.body).toMatchObject({ status: 'closed', outcome: 'resolved', delivery: 'none' });
    const sofaDetail = await t.api<ReportDetail>('GET', `/api/reports/${sofa.id}`, desk);
    expect(sofaDetail.body.resolution?.body.action.text).toBe(SOFA_ACTION);
    expect(sofaDetail.body.messages).toEqual([]);
    expect(await outboxRows(sofa.id)).toBe(0);

    // The main report does not close while the dumping part is open: 409, naming it, and nothing changes.
    const refused = await move(main.id, { to: 'closed', resolution: closing('no_action', MAIN_ACTION) });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('conflict');
    expect(refused.body.text?.code).toBe('subreport.open_parts');
    expect(refused.body.message).toContain(dumping.number);
    expect(refused.body.message).not.toContain(sofa.number);
    const stillOpen = await t.api<ReportDetail>('GET', `/api/reports/${main.id}`, desk);
    expect(stillOpen.body.report.status).toBe('new');
    expect(await outboxRows(main.id)).toBe(1);

    // The dumping part is cancelled (closed as 'cancelled'): then the main report closes, its message sums up the parts.
    expect((await move(dumping.id, { to: 'closed', resolution: closing('cancelled', 'Dubbel aangemaakt') })).status).toBe(200);
    expect(await outboxRows(dumping.id)).toBe(0);
    const mainPreview = await t.api<{ preview: { text: string } }>('POST', `/api/reports/${main.id}/preview`, desk, {
      to: 'closed',
      resolution: closing('no_action', MAIN_ACTION),
    });
    expect(mainPreview.status, JSON.stringify(mainPreview.body)).toBe(200);
    expect(mainPreview.body.preview.text).toContain('Uw melding is in delen opgepakt door verschillende teams:');
    expect(mainPreview.body.preview.text).toContain(`- Toezicht afval: ${SOFA_ACTION}.`);
    expect(mainPreview.body.preview.text).not.toContain('Dubbel aangemaakt');
    const closedMain = await move(main.id, { to: 'closed', resolution: closing('no_action', MAIN_ACTION) });
    expect(closedMain.status, JSON.stringify(closedMain.body)).toBe(200);
    const [, closingMail] = await smtp.waitForMessages(2);
    expect(closingMail?.text).toContain(`- Toezicht afval: ${SOFA_ACTION}.`);
    expect(closingMail?.text.match(/Toezicht afval/g)).toHaveLength(1);
    expect(smtp.messages).toHaveLength(2);

    // A part of a closed main report is not reopened; a closed report is not split again.
    const reopen = await move(sofa.id, { to: 'reopen_requested' });
    expect(reopen.status).toBe(409);
    expect(reopen.body.text?.code).toBe('subreport.parent_closed_reopen');
    const late = await split(main.id, { parts: [{ description: 'Nog een deel' }] });
    expect(late.status).toBe(409);
    expect(late.body.text?.code).toBe('subreport.parent_closed');
  });

  it('the closing message with the parts keeps an edited preview as it is (no second summary)', async () => {
    const main = await createMain();
    const res = await split(main.id, { parts: [{ description: 'Bank ophalen' }] });
    const part = res.body.parts[0];
    if (!part) throw new Error('a part expected');
    expect((await move(part.id, { to: 'closed', resolution: closing('referred', 'Doorgegeven aan de HMS', 'HMS') })).status).toBe(200);
    const preview = await t.api<{ preview: { text: string } }>('POST', `/api/reports/${main.id}/preview`, desk, { to: 'closed', resolution: closing('no_action', MAIN_ACTION) });
    const text = `${preview.body.preview.text}\n\nExtra regel van de centralist.`;
    expect(text).toContain('- Toezicht afval (doorverwezen naar HMS): Doorgegeven aan de HMS.');
    const closed = await move(main.id, { to: 'closed', resolution: closing('no_action', MAIN_ACTION), message: { text } });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const [, mail] = await smtp.waitForMessages(2);
    expect(mail?.text.match(/Doorgegeven aan de HMS/g)).toHaveLength(1);
    expect(mail?.text).toContain('Extra regel van de centralist.');
  });

  it('refuses bad splits with a coded error and writes nothing; only the desk may split; a part is no duplicate candidate', async () => {
    const main = await createMain();
    const before = await t.api<ReportDetail>('GET', `/api/reports/${main.id}`, desk);
    const reportCount = async () => (await t.hub.store.db.selectFrom('reports').select('id').execute()).length;
    const countBefore = await reportCount();

    const empty = await split(main.id, { parts: [] });
    expect(empty.status).toBe(422);
    const unknownTeam = await split(main.id, { parts: [{ description: 'Bank ophalen' }, { description: 'Dumping', team: 'Brandweer' }] });
    expect(unknownTeam.status).toBe(422);
    expect(unknownTeam.body.fields?.['parts.1.team']).toContain('Brandweer');
    const unknownCategory = await split(main.id, { parts: [{ description: 'Bank ophalen', category: 'vuurwerk' }] });
    expect(unknownCategory.status).toBe(422);
    expect(unknownCategory.body.fields?.['parts.0.category']).toBeDefined();
    const tooMany = await split(main.id, { parts: Array.from({ length: 11 }, (_, i) => ({ description: `Deel ${i + 1}` })) });
    expect(tooMany.status).toBe(422);
    const stale = await split(main.id, { parts: [{ description: 'Bank ophalen' }], expectedVersion: before.body.report.version - 1 });
    expect(stale.status).toBe(409);
    const missing = await split('geen-melding', { parts: [{ description: 'Bank ophalen' }] });
    expect(missing.status).toBe(404);
    const after = await t.api<ReportDetail>('GET', `/api/reports/${main.id}`, desk);
    expect(after.body.report.partCount).toBeUndefined();
    expect(await reportCount()).toBe(countBefore);
    expect((await t.api<SubReportsDetail>('GET', `/api/reports/${main.id}/parts`, desk)).body.parts).toEqual([]);

    // Roles: the shift lead may split; the police coordinator reads the parts but does not split; admin neither.
    const police = (await t.login('politie')).token;
    const admin = (await t.login('admin')).token;
    expect((await split(main.id, { parts: [{ description: 'Bank ophalen' }] }, police)).status).toBe(403);
    expect((await split(main.id, { parts: [{ description: 'Bank ophalen' }] }, admin)).status).toBe(403);
    expect((await t.api('POST', `/api/reports/${main.id}/parts`, undefined, { parts: [{ description: 'Bank ophalen' }] })).status).toBe(401);
    expect((await t.api('GET', `/api/reports/${main.id}/parts`, admin)).status).toBe(403);
    const chef = (await t.login('chef')).token;
    const done = await split(main.id, { parts: [{ description: 'Bank ophalen' }] }, chef);
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    const part = done.body.parts[0];
    if (!part) throw new Error('a part expected');
    expect((await t.api<SubReportsDetail>('GET', `/api/reports/${main.id}/parts`, police)).body.parts).toHaveLength(1);

    // A part is not split again; nearby duplicates offer the main report, never the part.
    const nested = await split(part.id, { parts: [{ description: 'Nog kleiner' }] });
    expect(nested.status).toBe(409);
    expect(nested.body.text?.code).toBe('subreport.part_of_part');
    const nearby = await t.api<{ reports: { report: { id: string } }[] }>(
      'GET',
      `/api/reports/nearby?category=afval&lat=${main.lat}&lng=${main.lng}`,
      desk,
    );
    expect(nearby.status, JSON.stringify(nearby.body)).toBe(200);
    const ids = nearby.body.reports.map((r) => r.report.id);
    expect(ids).toContain(main.id);
    expect(ids).not.toContain(part.id);
    const linked = await t.api<Answer>('POST', `/api/reports/${part.id}/reporters`, desk, { name: 'B. Beller', email: 'beller@example.nl', consent: true });
    expect(linked.status).toBe(409);
    expect(linked.body.text?.code).toBe('subreport.no_citizen');
    expect(await outboxRows(part.id)).toBe(0);
  });
});

/**
 * A split report closes as resolved from the desk once its parts carry the units' account (lifecycle guard
 * 'parts_resolved'): every part closed, at least one resolved. The message then reads as resolved, with the parts'
 * summary before the thanks and the closing lines, in Dutch and English. Refused otherwise, and nothing changes.
 */
describe.each(storeKinds)('a split report closed as resolved over %s', (store) => {
  let smtp: TestSmtp;
  let t: TestHub;
  let desk: string;

  beforeEach(async () => {
    smtp = await startTestSmtp();
    t = await startTestHub({ store, smtp });
    desk = (await t.login('centralist')).token;
  });
  afterEach(async () => {
    await t.stop();
    await smtp.stop();
  });

  async function move(id: string, body: object) {
    return t.api<Answer>('POST', `/api/reports/${id}/transition`, desk, body);
  }

  /** A triaged main report (reporter in `locale`) split in two parts: the sofa resolved by a unit, the dumping as given. */
  async function splitAndClose(locale: 'nl' | 'en', dumping: { outcome: string; action: string; referredTo?: string }) {
    const created = await t.api<Report>('POST', '/api/reports', desk, {
      ...sampleReport({ category: 'afval', description: 'Bank en matras gedumpt naast de container' }),
      reporter: { name: 'J. Jansen', email: 'melder@example.nl' },
      consent: { contact: true },
      locale,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await smtp.waitForMessages(1);
    const main = created.body;
    expect((await move(main.id, { to: 'triaged' })).status).toBe(200);
    const res = await t.api<SplitReportResponse>('POST', `/api/reports/${main.id}/parts`, desk, {
      parts: [{ description: 'Bank en matras ophalen' }, { category: 'overlast', description: 'Dumping onderzoeken' }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const [sofa, part2] = res.body.parts;
    if (!sofa || !part2) throw new Error('two parts expected');
    if (dumping.outcome === 'resolved') {
      await dispatchThroughOffer(t, desk, part2.id);
      expect((await move(part2.id, { to: 'in_progress' })).status).toBe(200);
      expect((await move(part2.id, { to: 'awaiting_review', resolution: closing('resolved', dumping.action) })).status).toBe(200);
    }
    expect((await move(part2.id, { to: 'closed', resolution: closing(dumping.outcome, dumping.action, dumping.referredTo) })).status).toBe(200);
    return { main, sofa, dumping: part2 };
  }

  async function resolveSofa(sofaId: string) {
    await dispatchThroughOffer(t, desk, sofaId);
    expect((await move(sofaId, { to: 'in_progress' })).status).toBe(200);
    expect((await move(sofaId, { to: 'awaiting_review', resolution: closing('resolved', SOFA_ACTION) })).status).toBe(200);
    expect((await move(sofaId, { to: 'closed', resolution: closing('resolved', SOFA_ACTION) })).status).toBe(200);
  }

  const DESK_RESOLVED = {
    kind: 'close',
    outcome: 'resolved',
    found: { code: 'zoals_gemeld', text: 'Er stonden een bank en een matras naast de container' },
    action: { code: 'ter_plaatse_opgelost', text: 'Twee teams hebben het opgepakt' },
  };

  it('in Dutch: offered and allowed once the parts are done, the message reads as resolved with the parts before the closing lines', async () => {
    const { main, sofa } = await splitAndClose('nl', { outcome: 'cancelled', action: 'Dubbel aangemaakt' });
    // One part still open: the detail does not offer 'resolved', the desk is refused.
    const before = await t.api<ReportDetail>('GET', `/api/reports/${main.id}`, desk);
    expect(before.body.transitions.find((tr) => tr.to === 'closed')?.outcomes).not.toContain('resolved');
    await resolveSofa(sofa.id);
    const detail = await t.api<ReportDetail>('GET', `/api/reports/${main.id}`, desk);
    expect(detail.body.report.status).toBe('triaged');
    expect(detail.body.transitions.find((tr) => tr.to === 'closed')?.outcomes).toContain('resolved');

    const preview = await t.api<{ preview: { subject: string; text: string } }>('POST', `/api/reports/${main.id}/preview`, desk, {
      to: 'closed',
      resolution: DESK_RESOLVED,
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    const { subject, text } = preview.body.preview;
    expect(subject).toContain('is opgelost');
    expect(text).not.toMatch(/geen verdere actie|doen op dit moment verder niets/i);
    const summary = text.indexOf('Uw melding is in delen opgepakt door verschillende teams:');
    expect(summary).toBeGreaterThan(text.indexOf('Twee teams hebben het opgepakt'));
    expect(text).toContain(`- Toezicht afval: ${SOFA_ACTION}.`);
    expect(text).not.toContain('Dubbel aangemaakt');
    expect(summary).toBeLessThan(text.indexOf('Bedankt voor uw melding'));
    expect(summary).toBeLessThan(text.indexOf('Laat het ons weten'));

    const closed = await move(main.id, { to: 'closed', resolution: DESK_RESOLVED });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'resolved' });
    const [, mail] = await smtp.waitForMessages(2);
    expect(mail?.subject).toContain('is opgelost');
    const mailText = mail?.text ?? '';
    expect(mailText.indexOf(`- Toezicht afval: ${SOFA_ACTION}.`)).toBeLessThan(mailText.indexOf('Laat het ons weten'));
    expect(mailText.match(/Toezicht afval/g)).toHaveLength(1);
  });

  it('in English: the message reads as resolved with the parts before the closing lines', async () => {
    const { main, sofa } = await splitAndClose('en', { outcome: 'referred', action: 'Doorgegeven aan de politie', referredTo: 'Politie' });
    await resolveSofa(sofa.id);
    const preview = await t.api<{ preview: { subject: string; text: string } }>('POST', `/api/reports/${main.id}/preview`, desk, {
      to: 'closed',
      resolution: DESK_RESOLVED,
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    const { subject, text } = preview.body.preview;
    expect(subject).toContain('has been resolved');
    const summary = text.indexOf('Your report was handled in parts by different teams:');
    expect(summary).toBeGreaterThan(0);
    expect(text).toContain(`- Toezicht afval: ${SOFA_ACTION}.`);
    expect(text).toContain('- Handhaving BOA (referred to Politie): Doorgegeven aan de politie.');
    expect(summary).toBeLessThan(text.indexOf('Thank you for your report'));
    expect(summary).toBeLessThan(text.indexOf('Let us know'));
  });

  it('is refused while no part was resolved, and nothing changes', async () => {
    const { main, sofa } = await splitAndClose('nl', { outcome: 'cancelled', action: 'Dubbel aangemaakt' });
    expect((await move(sofa.id, { to: 'closed', resolution: closing('no_action', 'Niets meer te zien') })).status).toBe(200);
    const outboxBefore = (await t.hub.store.db.selectFrom('outbox').select('id').where('report_id', '=', main.id).execute()).length;
    const refused = await move(main.id, { to: 'closed', resolution: DESK_RESOLVED });
    expect(refused.status).toBe(422);
    expect(refused.body.text?.code).toBe('report.transition.outcome_needs_resolved_part');
    expect(refused.body.fields?.['resolution.outcome']).toBeDefined();
    const after = await t.api<ReportDetail>('GET', `/api/reports/${main.id}`, desk);
    expect(after.body.report.status).toBe('triaged');
    expect(after.body.transitions.find((tr) => tr.to === 'closed')?.outcomes).not.toContain('resolved');
    expect((await t.hub.store.db.selectFrom('outbox').select('id').where('report_id', '=', main.id).execute()).length).toBe(outboxBefore);
    // A report that was never split: the plain refusal.
    const plain = await t.api<Report>('POST', '/api/reports', desk, sampleReport({ category: 'afval' }));
    const single = await move(plain.body.id, { to: 'closed', resolution: DESK_RESOLVED });
    expect(single.status).toBe(422);
    expect(single.body.text?.code).toBe('report.transition.outcome_not_allowed');
  });
});

describe.skipIf(!storeKinds.includes('postgres'))('sub-reports over postgres', () => {
  let t: TestHub;
  afterEach(async () => {
    await t.stop();
  });

  it('splits a report and shows the parts in the queue and the detail', async () => {
    t = await startTestHub({ store: 'postgres' });
    const desk = (await t.login('centralist')).token;
    const main = await t.api<Report>('POST', '/api/reports', desk, sampleReport({ category: 'afval', description: 'Bank gedumpt' }));
    const res = await t.api<SplitReportResponse>('POST', `/api/reports/${main.body.id}/parts`, desk, {
      parts: [{ description: 'Bank ophalen' }, { category: 'overlast', description: 'Dumping onderzoeken' }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const page = await t.api<QueuePage>('GET', '/api/reports/queue?limit=50', desk);
    const rows = decodeQueueRows(page.body.fields, page.body.rows);
    expect(rows.find((r) => r.id === main.body.id)?.partCount).toBe(2);
    expect(rows.filter((r) => r.parentNumber === main.body.number)).toHaveLength(2);
    const parts = await t.api<SubReportsDetail>('GET', `/api/reports/${main.body.id}/parts`, desk);
    expect(parts.body.parts.map((p) => p.team)).toEqual(['Toezicht afval', 'Handhaving BOA']);
    const numbers = parts.body.parts.map((p) => p.number).join(', ');
    const timeline = (await t.api<ReportDetail>('GET', `/api/reports/${main.body.id}`, desk)).body.timeline.map((e) => e.text?.message);
    expect(timeline).toContain(`Gesplitst in 2 deelmeldingen: ${numbers}`);
    const closed = await t.api<Answer>('POST', `/api/reports/${main.body.id}/transition`, desk, { to: 'closed', resolution: closing('no_action', MAIN_ACTION) });
    expect(closed.status).toBe(409);
    expect(closed.body.text?.code).toBe('subreport.open_parts');
  });
});
