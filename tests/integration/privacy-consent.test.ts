import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportContacts } from '../../server/protocol/privacy';
import type { Report } from '../../server/protocol/report';
import { storeKinds } from '../support/databases';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

/** Consent at intake from the console: recorded with its time; contact details without it are refused. */
describe.each(storeKinds)('consent to be contacted over %s', (store) => {
  let t: TestHub;
  let desk: string;

  beforeAll(async () => {
    t = await startTestHub({ store });
    desk = (await t.login('centralist')).token;
  });
  afterAll(async () => {
    await t.stop();
  });

  const reportRow = (id: string) => t.hub.store.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const count = async () => (await t.hub.store.db.selectFrom('reports').select('id').execute()).length;

  it('refuses contact details without consent with a field error, and stores nothing', async () => {
    const before = await count();
    const reporter = { name: 'Jan', email: 'jan@example.nl' };
    for (const consent of [undefined, { contact: false }]) {
      const res = await t.api<{ code: string; fields: Record<string, string> }>('POST', '/api/reports', desk, {
        ...sampleReport(),
        reporter,
        ...(consent ? { consent } : {}),
      });
      expect(res.status).toBe(422);
      expect(res.body.fields.consent).toMatch(/toestemming/);
    }
    expect(await count()).toBe(before);
  });

  it('records the consent and its time with the report and the reporter', async () => {
    const res = await t.api<Report>('POST', '/api/reports', desk, { ...sampleReport(), reporter: { phone: '0612345678' }, consent: { contact: true } });
    expect(res.status).toBe(201);
    const row = await reportRow(res.body.id);
    expect(row).toMatchObject({ contact_consent: 1, contact_consent_at: row.created_at });
    const contacts = await t.api<ReportContacts>('GET', `/api/reports/${res.body.id}/contacts`, desk);
    expect(contacts.body.reporters).toEqual([{ name: null, email: null, phone: '0612345678', consentAt: row.created_at, consentVia: 'console' }]);

    // A caller linked to it consents too, and that is recorded for them.
    const linked = await t.api('POST', `/api/reports/${res.body.id}/reporters`, desk, { email: 'tweede@example.nl', consent: true });
    expect(linked.status).toBe(201);
    const after = await t.api<ReportContacts>('GET', `/api/reports/${res.body.id}/contacts`, desk);
    expect(after.body.reporters[1]).toMatchObject({ email: 'tweede@example.nl', consentVia: 'console', consentAt: expect.any(String) });
  });

  it('records a refusal: the report is taken without contact details', async () => {
    const res = await t.api<Report>('POST', '/api/reports', desk, { ...sampleReport(), consent: { contact: false } });
    expect(res.status).toBe(201);
    expect(res.body.reporterCount).toBe(0);
    const row = await reportRow(res.body.id);
    expect(row).toMatchObject({ contact_consent: 0, contact_consent_at: row.created_at });
    // Without the question asked (API clients of before), nothing is recorded.
    const silent = await t.api<Report>('POST', '/api/reports', desk, sampleReport());
    expect(await reportRow(silent.body.id)).toMatchObject({ contact_consent: null, contact_consent_at: null });
  });
});
