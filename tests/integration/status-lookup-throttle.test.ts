import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportDetail } from '../../server/protocol/detail';
import type { Report } from '../../server/protocol/report';
import { createPostgresDatabase, storeKinds } from '../support/databases';
import { httpFrom } from '../support/from-address';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

/** Issue 10, point 2: the lookup by number + code cannot be brute-forced. */
describe.each(storeKinds)('status lookup by number and code (%s)', (store) => {
  let t: TestHub;
  let now = Date.now();
  let desk: string;

  beforeEach(async () => {
    now = Date.now();
    t = await startTestHub({ store, clock: () => new Date(now) });
    desk = (await t.login('centralist')).token;
  });
  afterEach(async () => {
    await t.stop();
  });

  async function newReport(): Promise<{ number: string; code: string }> {
    const created = await t.api<Report>('POST', '/api/reports', desk, sampleReport());
    expect(created.status).toBe(201);
    const detail = await t.api<ReportDetail>('GET', `/api/reports/${created.body.id}`, desk);
    return { number: created.body.number, code: detail.body.citizenCode ?? '' };
  }

  const lookup = (from: string, number: string, code: string) =>
    httpFrom(from, `${t.hub.url}/status?nummer=${encodeURIComponent(number)}&code=${encodeURIComponent(code)}`);

  it('new codes have at least 30 bits (7 of 31 characters); the right code finds the report', async () => {
    const report = await newReport();
    expect(report.code).toMatch(/^[A-HJKMNP-Z2-9]{7}$/);
    const found = await lookup('127.0.0.2', report.number, report.code.toLowerCase());
    expect(found.status).toBe(303);
    expect(found.headers.location).toMatch(/^\/status\/[A-Za-z0-9_-]{20,}$/);
  });

  it('a code given before (six characters) stays valid', async () => {
    const report = await newReport();
    await t.hub.store.db.updateTable('reports').set({ citizen_code: 'ABC234' }).where('number', '=', Number(report.number.slice(2))).execute();
    expect((await lookup('127.0.0.2', report.number, 'abc234')).status).toBe(303);
    expect((await lookup('127.0.0.2', report.number, report.code)).status).toBe(404);
  });

  it('after 5 wrong codes for one number, that number is refused (429, Dutch, Retry-After) even with the right code and from another address; other numbers still answer', async () => {
    const target = await newReport();
    const other = await newReport();
    for (let i = 0; i < 5; i++) expect((await lookup('127.0.0.2', target.number, `WRONG${i}A`)).status).toBe(404);

    const refused = await lookup('127.0.0.2', target.number, target.code);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/text\/html/);
    expect(refused.text).toContain('Voor dit meldingnummer is te vaak een verkeerde code ingevuld');
    expect(refused.text).toMatch(/Probeer het over (60|59) min\. opnieuw/);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(refused.text).not.toContain(target.code);

    expect((await lookup('127.0.0.3', target.number, target.code)).status).toBe(429);
    expect((await lookup('127.0.0.2', other.number, other.code)).status).toBe(303);

    // An hour later (hub clock) the number answers again.
    now += 3_600_000;
    expect((await lookup('127.0.0.3', target.number, target.code)).status).toBe(303);
  });

  it('after 20 misses over many numbers, that address is refused; another address still looks up', async () => {
    const report = await newReport();
    for (let i = 0; i < 20; i++) expect((await lookup('127.0.0.4', `M-${900_000 + i}`, 'ABCDEFG')).status).toBe(404);
    const refused = await lookup('127.0.0.4', report.number, report.code);
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Er is te vaak een verkeerd meldingnummer of een verkeerde code ingevuld');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await lookup('127.0.0.5', report.number, report.code)).status).toBe(303);
  });

  it('500 rapid guesses at one number: all but the first 5 are refused, none finds the report', async () => {
    const report = await newReport();
    const statuses = new Map<number, number>();
    for (let i = 0; i < 500; i++) {
      const status = (await lookup('127.0.0.6', report.number, `G${String(i).padStart(6, '0')}`)).status;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    expect(Object.fromEntries(statuses)).toEqual({ 404: 5, 429: 495 });
  });
});

describe.skipIf(!storeKinds.includes('postgres'))('status lookup limits across hub nodes (postgres)', () => {
  it('misses counted on one node are refused on the other', async () => {
    const database = await createPostgresDatabase();
    const a = await startTestHub({ store: 'postgres', database });
    // Both nodes in demo mode: demo users exist only in demo mode, and a node without it would switch them off.
    const b = await startTestHub({ store: 'postgres', database, demo: true });
    try {
      const desk = (await a.login('centralist')).token;
      const created = await a.api<Report>('POST', '/api/reports', desk, sampleReport());
      const code = (await a.api<ReportDetail>('GET', `/api/reports/${created.body.id}`, desk)).body.citizenCode ?? '';
      const url = (hub: TestHub, c: string) => `${hub.hub.url}/status?nummer=${created.body.number}&code=${c}`;
      for (let i = 0; i < 5; i++) expect((await httpFrom('127.0.0.7', url(i % 2 ? a : b, `NOPE${i}ZZ`))).status).toBe(404);
      expect((await httpFrom('127.0.0.8', url(b, code))).status).toBe(429);
      expect((await httpFrom('127.0.0.8', url(a, code))).status).toBe(429);
    } finally {
      await b.stop();
      await a.stop();
      await database.drop();
    }
  });
});
