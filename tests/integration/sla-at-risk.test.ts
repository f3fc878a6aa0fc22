import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportDetail } from '../../server/protocol/detail';
import type { Category, Report } from '../../server/protocol/report';
import { decodeQueueRows, type QueuePage } from '../../server/protocol/report-queue';
import { migrateToLatest } from '../../server/store/migrate';
import { storeKinds } from '../support/databases';
import { migrateUpTo, olderCategory, olderReport, storeForEachTest } from '../support/filled-database';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

/** Friday 4 December 2026, 23:00 in Amsterdam (UTC+1). */
const FRIDAY_2300 = '2026-12-04T22:00:00.000Z';

describe.each(storeKinds)('deadline and "bijna te laat" kept by the hub over %s', (store) => {
  let t: TestHub;
  let token: string;
  let chefToken: string;

  beforeEach(async () => {
    t = await startTestHub({ store, clock: () => new Date(FRIDAY_2300) });
    token = (await t.login('centralist')).token;
    chefToken = (await t.login('chef')).token;
  }, 120_000);
  afterEach(async () => {
    await t.stop();
  }, 60_000);

  async function queueRow(id: string) {
    const res = await t.api<QueuePage>('GET', '/api/reports/queue?limit=5000', token);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return decodeQueueRows(res.body.fields, res.body.rows).find((r) => r.id === id);
  }

  it('the shift lead sets the urgent term; an urgent report on Friday 23:00 is due and at risk in clock hours', async () => {
    const refused = await t.api('PUT', '/api/categories/overlast/sla-terms', token, { slaUrgentHours: 4, slaHighHours: 8 });
    expect(refused.status).toBe(403);
    const set = await t.api<Category>('PUT', '/api/categories/overlast/sla-terms', chefToken, { slaUrgentHours: 4, slaHighHours: 8 });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ code: 'overlast', slaUrgentHours: 4, slaHighHours: 8 });
    const unknown = await t.api('PUT', '/api/categories/bestaat-niet/sla-terms', chefToken, { slaUrgentHours: 4, slaHighHours: 8 });
    expect(unknown.status).toBe(404);

    const res = await t.api<Report>('POST', '/api/reports', token, sampleReport({ category: 'overlast', priority: 'urgent' }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // 4 clock hours, through the night to Saturday 03:00; at risk in the last 20 %: 48 minutes before.
    expect(res.body.slaDeadline).toBe('2026-12-05T02:00:00.000Z');
    expect(res.body.slaAtRiskFrom).toBe('2026-12-05T01:12:00.000Z');

    const detail = await t.api<ReportDetail>('GET', `/api/reports/${res.body.id}`, token);
    expect(detail.body.report.slaAtRiskFrom).toBe('2026-12-05T01:12:00.000Z');
    const row = await queueRow(res.body.id);
    expect(row).toMatchObject({ slaDeadline: '2026-12-05T02:00:00.000Z', slaAtRiskFrom: '2026-12-05T01:12:00.000Z' });
  });

  it('a normal report keeps its working-day term; at risk in its last 20 % of working time', async () => {
    const res = await t.api<Report>('POST', '/api/reports', token, sampleReport({ category: 'groen', priority: 'normal' }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // 5 working days: Friday 11 December 23:00; the last 24 working hours start Thursday 23:00.
    expect(res.body.slaDeadline).toBe('2026-12-11T22:00:00.000Z');
    expect(res.body.slaAtRiskFrom).toBe('2026-12-10T22:00:00.000Z');
    expect(await queueRow(res.body.id)).toMatchObject({ slaAtRiskFrom: '2026-12-10T22:00:00.000Z' });
  });
});

/** Migration 0032 on reports that exist: open ones get their at-risk time, read back from their deadline's term. */
describe.each(storeKinds)('migration 0032 on a filled database over %s', (kind) => {
  const fresh = storeForEachTest(kind, '0032', 120_000);

  it('fills sla_at_risk_from for open reports and puts it in the open queue index', async () => {
    const { store } = fresh;
    const old = await migrateUpTo(store.db, '0023_report_context');
    await old
      .insertInto('categories')
      .values({ ...olderCategory('groen', { name_nl: 'Groen', name_en: 'Greenery', department: 'Beheer' }), sla_urgent_hours: 4, sensitive: 0 })
      .execute();
    const report = (id: string, n: number, priority: string, status: string, deadline: string | null) => ({
      ...olderReport(n, { id, description: 'Boomtak', priority, status, created_at: FRIDAY_2300, updated_at: FRIDAY_2300 }),
      sla_deadline: deadline,
    });
    await old
      .insertInto('reports')
      .values([
        report('urgent', 1, 'urgent', 'new', '2026-12-05T02:00:00.000Z'),
        report('normal', 2, 'normal', 'triaged', '2026-12-11T22:00:00.000Z'),
        // High, but due after the working days (a deadline set before priority terms): the working-day term.
        report('high-old', 3, 'high', 'new', '2026-12-11T22:00:00.000Z'),
        report('closed', 4, 'urgent', 'closed', '2026-12-05T02:00:00.000Z'),
        report('none', 5, 'normal', 'new', null),
      ])
      .execute();

    await migrateToLatest(store.db);

    const rows = await sql<{ id: string; at: string | null }>`select id, sla_at_risk_from as at from reports order by number`.execute(store.db);
    expect(Object.fromEntries(rows.rows.map((r) => [r.id, r.at]))).toEqual({
      urgent: '2026-12-05T01:12:00.000Z',
      normal: '2026-12-10T22:00:00.000Z',
      'high-old': '2026-12-10T22:00:00.000Z',
      closed: null,
      none: null,
    });
    const index =
      kind === 'postgres'
        ? await sql<{ def: string }>`select indexdef as def from pg_indexes where indexname = 'reports_open_queue'`.execute(store.db)
        : await sql<{ def: string }>`select sql as def from sqlite_master where name = 'reports_open_queue'`.execute(store.db);
    expect(index.rows[0]?.def).toContain('sla_at_risk_from');
    expect(index.rows[0]?.def).toContain('sla_deadline');
  });
});
