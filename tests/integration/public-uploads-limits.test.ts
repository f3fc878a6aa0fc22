import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreatedReferral, ExternalReferralsResponse } from '../../server/protocol/external';
import type { Report } from '../../server/protocol/report';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';
import { jpegPhoto } from '../support/photos';

/**
 * The public upload forms (the external party's answer, the reporter's answer on the status page) refuse a huge,
 * surplus or non-image upload with a clear 4xx page and write nothing.
 */
describe('public upload limits', () => {
  let t: TestHub;
  let desk: string;

  beforeEach(async () => {
    t = await startTestHub({ store: 'sqlite' });
    desk = (await t.login('centralist')).token;
  });
  afterEach(async () => {
    await t.stop();
  });

  async function referral(): Promise<{ report: Report; link: string }> {
    const res = await t.api<Report>('POST', '/api/reports', desk, sampleReport({ description: 'Lamp kapot' }));
    expect(res.status).toBe(201);
    const created = await t.api<CreatedReferral>('POST', `/api/reports/${res.body.id}/external`, desk, { party: 'Aannemer', question: 'Wilt u de lamp vervangen?' });
    expect(created.status).toBe(201);
    return { report: res.body, link: created.body.link };
  }

  async function post(link: string, text: string, files: { bytes: Buffer; type: string }[]) {
    const form = new FormData();
    form.set('antwoord', text);
    for (const f of files) form.append('foto', new Blob([new Uint8Array(f.bytes)], { type: f.type }), 'x.jpg');
    const res = await fetch(link, { method: 'POST', body: form, redirect: 'manual' });
    return { status: res.status, html: await res.text() };
  }

  async function unchanged(reportId: string) {
    const list = (await t.api<ExternalReferralsResponse>('GET', `/api/reports/${reportId}/external`, desk)).body.referrals;
    expect(list[0]?.state).toBe('open');
    const photos = await t.hub.store.db.selectFrom('photos').select('id').where('report_id', '=', reportId).execute();
    expect(photos).toHaveLength(0);
  }

  it('external answer: a file over the size limit, too many files, a non-image and a fake JPEG are refused with 422', async () => {
    const { report, link } = await referral();
    const huge = Buffer.concat([jpegPhoto(8, 8), Buffer.alloc(6 * 1024 * 1024, 1)]);
    for (const files of [
      [{ bytes: huge, type: 'image/jpeg' }],
      [1, 2, 3, 4].map(() => ({ bytes: jpegPhoto(8, 8), type: 'image/jpeg' })),
      [{ bytes: Buffer.from('hello'), type: 'text/plain' }],
      [{ bytes: Buffer.from('<html>not a jpeg</html>'), type: 'image/jpeg' }],
    ]) {
      const res = await post(link, 'Gedaan', files);
      expect(res.status, res.html.slice(0, 300)).toBe(422);
      expect(res.html).toContain('data-testid="external-error"');
      await unchanged(report.id);
    }
    // A text over the field limit is refused, not cut short and stored.
    const long = await post(link, 'x'.repeat(30_000), []);
    expect(long.status).toBe(422);
    await unchanged(report.id);
  });

  async function askedReport(): Promise<{ report: Report; link: string }> {
    const res = await t.api<Report>('POST', '/api/reports', desk, {
      ...sampleReport({ description: 'Fiets aan de boom' }),
      reporter: { name: 'J. Jansen', email: 'melder@example.nl' },
      consent: { contact: true },
    });
    expect(res.status).toBe(201);
    const asked = await t.api('POST', `/api/reports/${res.body.id}/question`, desk, { question: 'Aan welke kant staat de fiets?' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const row = await t.hub.store.db.selectFrom('reports').select('citizen_token').where('id', '=', res.body.id).executeTakeFirstOrThrow();
    return { report: res.body, link: `${t.hub.url}/status/${row.citizen_token}` };
  }

  async function stillOpen(reportId: string) {
    const q = await t.hub.store.db.selectFrom('reporter_questions').selectAll().where('report_id', '=', reportId).execute();
    expect(q).toHaveLength(1);
    expect(q[0]?.answer ?? null).toBeNull();
    expect(q[0]?.ended_at ?? null).toBeNull();
    const photos = await t.hub.store.db.selectFrom('photos').select('id').where('report_id', '=', reportId).execute();
    expect(photos).toHaveLength(0);
  }

  it("status page answer: a file over the size limit, two files, a non-image, a fake JPEG and a too long text are refused with 422", async () => {
    const { report, link } = await askedReport();
    const huge = Buffer.concat([jpegPhoto(8, 8), Buffer.alloc(6 * 1024 * 1024, 1)]);
    for (const files of [
      [{ bytes: huge, type: 'image/jpeg' }],
      [1, 2].map(() => ({ bytes: jpegPhoto(8, 8), type: 'image/jpeg' })),
      [{ bytes: Buffer.from('hello'), type: 'text/plain' }],
      [{ bytes: Buffer.from('<html>not a jpeg</html>'), type: 'image/jpeg' }],
    ]) {
      const res = await post(`${link}/vraag`, 'Aan de even kant', files);
      expect(res.status, res.html.slice(0, 300)).toBe(422);
      await stillOpen(report.id);
    }
    const long = await post(`${link}/vraag`, 'x'.repeat(30_000), []);
    expect(long.status).toBe(422);
    await stillOpen(report.id);
  });

  it("the status page, shared by every reporter of the report, does not repeat one reporter's answer", async () => {
    const { report, link } = await askedReport();
    const linked = await t.api('POST', `/api/reports/${report.id}/reporters`, desk, { name: 'Tweede beller', email: 'tweede@example.nl', consent: true });
    expect(linked.status, JSON.stringify(linked.body)).toBe(201);
    const answer = 'Bij mijn huis op nummer 12, bel me op 0612345678';
    const sent = await fetch(`${link}/vraag`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ antwoord: answer }).toString(),
      redirect: 'manual',
    });
    expect(sent.status).toBe(303);
    const page = await (await fetch(link)).text();
    expect(page).toContain('U beantwoordde onze vraag');
    expect(page).not.toContain('0612345678');
    expect(page).not.toContain('nummer 12');
  });

  it('a closed report no longer shows or takes the answer to an open question', async () => {
    const { report, link } = await askedReport();
    const closed = await t.api('POST', `/api/reports/${report.id}/transition`, desk, {
      to: 'closed',
      resolution: {
        kind: 'close',
        outcome: 'not_found',
        found: { code: 'niet_aangetroffen', text: 'Geen fiets aangetroffen op het adres' },
        action: { code: 'ter_plaatse_opgelost', text: 'Ter plaatse gecontroleerd door BOA' },
      },
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const page = await (await fetch(link)).text();
    expect(page).not.toContain('data-testid="citizen-question"');
    const sent = await fetch(`${link}/vraag`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ antwoord: 'Aan de even kant' }).toString(),
      redirect: 'manual',
    });
    expect(sent.status).toBe(409);
    const alerts = await t.hub.store.db.selectFrom('alerts').select('kind').where('report_id', '=', report.id).execute();
    expect(alerts.map((a) => a.kind)).not.toContain('reporter_answered');
  });

  it('a form field sent twice on the satisfaction form is a 4xx, not a 500', async () => {
    const { link } = await askedReport();
    for (const body of ['tevreden=nee&reden=niet_opgelost&reden=te_lang', 'tevreden=nee&toelichting=a&toelichting=b']) {
      const res = await fetch(`${link}/antwoord`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, redirect: 'manual' });
      expect(res.status, body).toBeGreaterThanOrEqual(400);
      expect(res.status, body).toBeLessThan(500);
    }
  });

  it("the status page's notice parameter takes only its own words: '?bedankt=constructor' is the page without a notice, not a 500", async () => {
    const { link } = await askedReport();
    for (const value of ['constructor', 'toString', '__proto__']) {
      const res = await fetch(`${link}?bedankt=${value}`);
      expect(res.status, value).toBe(200);
      expect(await res.text()).not.toContain('data-testid="citizen-notice"');
    }
  });
});

