import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../server/protocol/report';
import type { ReportContext } from '../../server/protocol/report-context';
import { storeKinds } from '../support/databases';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

/**
 * A NUL character in any text of a request: PostgreSQL cannot store it (SQLite can), so it used to be a 500 there
 * and a stored value here. Now the same coded refusal on both stores, naming the field, and nothing written.
 */
describe.each(storeKinds)('a NUL character in a request (%s)', (store) => {
  let t: TestHub;
  let token = '';
  beforeAll(async () => {
    t = await startTestHub({ store });
    token = (await t.login('centralist')).token;
  }, 120_000);
  afterAll(async () => {
    await t.stop();
  }, 60_000);

  type Refusal = { code: string; fields?: Record<string, string> };

  it('is refused with a validation error on its field, and nothing is written', async () => {
    const report = await t.api<Report>('POST', '/api/reports', token, sampleReport());
    expect(report.status).toBe(201);
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const note = await t.api<Refusal>('POST', '/api/address-notes', token, { lat: report.body.lat, lng: report.body.lng, text: 'hond\u0000aanwezig', expiresAt });
    expect([note.status, note.body.code, Object.keys(note.body.fields ?? {})]).toEqual([422, 'validation', ['text']]);
    const context = await t.api<ReportContext>('GET', `/api/reports/${report.body.id}/context`, token);
    expect(context.body.notes).toEqual([]);

    const created = await t.api<Refusal>('POST', '/api/reports', token, sampleReport({ description: 'Fiets\u0000 weg' }));
    expect([created.status, created.body.code, Object.keys(created.body.fields ?? {})]).toEqual([422, 'validation', ['description']]);
  });
});
