import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../server/protocol/report';
import type { SplitReportResponse } from '../../server/protocol/sub-reports';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

type Answer = { code?: string; text?: { code: string; params: Record<string, unknown> }; fieldTexts?: Record<string, { code: string }> };

/**
 * A part (deelmelding) never talks to the citizen, so no reporter may end up on one: marking a report as a duplicate
 * of a part would move its reporters there, after telling them "u krijgt voortaan berichten over die melding", and
 * they would never hear again. Refused (409 subreport.no_citizen), nothing changes; the main report is the one to
 * merge into.
 */
describe('merging a duplicate into a part', () => {
  let t: TestHub;
  let desk: string;
  let chef: string;

  beforeEach(async () => {
    t = await startTestHub({ store: 'sqlite' });
    desk = (await t.login('centralist')).token;
    chef = (await t.login('chef')).token;
  });
  afterEach(async () => {
    await t.stop();
  });

  async function create(description: string, email: string): Promise<Report> {
    const res = await t.api<Report>('POST', '/api/reports', desk, {
      ...sampleReport({ category: 'afval', description }),
      reporter: { name: 'Melder', email },
      consent: { contact: true },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  it('is refused with nothing changed; merging into the main report still works', async () => {
    const main = await create('Bank gedumpt naast de container', 'eerste@example.nl');
    const split = await t.api<SplitReportResponse>('POST', `/api/reports/${main.id}/parts`, desk, { parts: [{ description: 'Bank ophalen' }] });
    expect(split.status, JSON.stringify(split.body)).toBe(201);
    const part = split.body.parts[0];
    if (!part) throw new Error('one part expected');
    const duplicate = await create('Weer die bank bij de container', 'tweede@example.nl');
    const outbox = async () => (await t.hub.store.db.selectFrom('outbox').select('id').where('report_id', '=', duplicate.id).execute()).length;
    const before = await outbox();

    const refused = await t.api<Answer>('POST', `/api/reports/${duplicate.id}/duplicate-of`, chef, { originalId: part.id });
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.text?.code).toBe('subreport.no_citizen');
    const after = await t.api<{ report: Report }>('GET', `/api/reports/${duplicate.id}`, desk);
    expect(after.body.report.status).toBe(duplicate.status);
    expect(await outbox()).toBe(before);
    const onPart = await t.hub.store.db.selectFrom('reporters').select('id').where('report_id', '=', part.id).execute();
    expect(onPart).toEqual([]);

    const merged = await t.api('POST', `/api/reports/${duplicate.id}/duplicate-of`, chef, { originalId: main.id });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
  });
});
