import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergeQueuePage, type OpenQueue, openQueueFromFirstPage, applyEventToSnapshot } from '../../renderer/console/api/reportsCache';
import type { ReportDetail } from '../../server/protocol/detail';
import { decodeQueueRows, encodeQueueCursor, QUEUE_ROW_FIELDS, type QueuePage, type QueueRow, toQueueRow } from '../../server/protocol/report-queue';
import type { Report } from '../../server/protocol/report';
import { storeKinds } from '../support/databases';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

describe.each(storeKinds)('the open queue in pages over %s (reports.queue)', (store) => {
  let t: TestHub;
  let token: string;
  let chefToken: string;

  beforeEach(async () => {
    t = await startTestHub({ store });
    token = (await t.login('centralist')).token;
    chefToken = (await t.login('chef')).token;
  });
  afterEach(async () => {
    await t.stop();
  });

  /** A page as the console's loader takes it: the tuples made rows by the field names the page gives. */
  async function page(limit: number, after?: string): Promise<Omit<QueuePage, 'rows'> & { rows: QueueRow[] }> {
    const query = new URLSearchParams({ limit: String(limit), ...(after ? { after } : {}) });
    const res = await t.api<QueuePage>('GET', `/api/reports/queue?${query}`, token);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.fields).toEqual([...QUEUE_ROW_FIELDS]);
    return { ...res.body, rows: decodeQueueRows(res.body.fields, res.body.rows) };
  }

  async function wholeReport(id: string): Promise<Report> {
    const res = await t.api<ReportDetail>('GET', `/api/reports/${id}`, token);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.report;
  }

  async function create(n: number): Promise<Report> {
    const res = await t.api<Report>('POST', '/api/reports', token, sampleReport({ description: `Queue paging ${n}` }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  async function closeAsDuplicate(duplicate: Report, original: Report): Promise<void> {
    const res = await t.api('POST', `/api/reports/${duplicate.id}/duplicate-of`, chefToken, { originalId: original.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }

  /** Every open report, all pages of the biggest size. */
  async function allOpen(): Promise<QueueRow[]> {
    const rows: QueueRow[] = [];
    let after: string | undefined;
    do {
      const p = await page(5000, after);
      rows.push(...p.rows);
      after = p.next ?? undefined;
    } while (after);
    return rows;
  }

  it('pages through every open report once, newest first, with the open total and no cap', async () => {
    for (let i = 0; i < 23; i++) await create(i);
    const everything = await allOpen();
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const p = await page(5, after);
      expect(p.rows.length).toBeLessThanOrEqual(5);
      expect(p.total).toBe(everything.length);
      seen.push(...p.rows.map((r) => r.id));
      after = p.next ?? undefined;
      pages++;
    } while (after);
    expect(seen).toEqual(everything.map((r) => r.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBe(Math.ceil(everything.length / 5));
    const created = everything.map((r) => Date.parse(r.createdAt));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(everything.every((r) => r.status !== 'closed')).toBe(true);
  });

  it('misses and doubles nothing when reports are created and closed between pages: the console merges the events after the first page', async () => {
    const made: Report[] = [];
    for (let i = 0; i < 20; i++) made.push(await create(i));
    const first = await page(4);
    let queue: OpenQueue = openQueueFromFirstPage(first);
    expect(queue.progress).not.toBeNull();

    let after = first.next;
    let round = 0;
    while (after) {
      // Between pages: a new report, and an older one (not paged yet) closed as a duplicate of a newer one.
      made.push(await create(100 + round));
      const older = made[round];
      const newer = made[made.length - 1];
      if (older && newer) await closeAsDuplicate(older, newer);
      const p = await page(4, after);
      queue = mergeQueuePage(queue, p);
      after = p.next;
      round++;
    }
    expect(queue.progress).toBeNull();

    // The console applies every event after the first page's seq (as its EventStream does).
    let seq = first.seq;
    for (;;) {
      const events = await t.fetchEvents(token, seq);
      for (const event of events.events) queue = applyEventToSnapshot(queue, event) ?? queue;
      seq = queue.seq;
      if (!events.hasMore) break;
    }

    const truth = await allOpen();
    const ids = queue.reports.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(truth.map((r) => r.id).sort());
    const versions = new Map(truth.map((r) => [r.id, r.version]));
    for (const r of queue.reports) expect(r.version).toBe(versions.get(r.id));
    // Rows from pages and reports from events end up the same slim rows as a fresh load gives.
    const byId = (rows: QueueRow[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(queue.reports)).toEqual(byId(truth));
  });

  it('creates and lists a report with the longest description the form allows, in words that do not compress', async () => {
    // The queue's index carries the queue's columns; a description in it made PostgreSQL refuse such a report
    // (index row size exceeds btree maximum 2704), so the intake got a 500 and the report was lost.
    const description = randomBytes(2000).toString('hex');
    const res = await t.api<Report>('POST', '/api/reports', token, sampleReport({ description }));
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201);
    const listed = (await allOpen()).find((r) => r.id === res.body.id);
    expect(listed).toEqual(toQueueRow(res.body));
    // The queue's row is slim; the whole report, description and all, comes when the report is opened.
    expect(listed).not.toHaveProperty('description');
    expect((await wholeReport(res.body.id)).description).toBe(description);
  });

  it('gives each open report as the slim row of the whole report: the fields the queue, filters and map read, nothing more', async () => {
    const made: Report[] = [];
    for (let i = 0; i < 3; i++) made.push(await create(i));
    // A report number of seven digits, a scheduled follow-up and a failed delivery, written straight into the row.
    const db = t.hub.store.db;
    await db.updateTable('reports').set({ number: 1234567 }).where('id', '=', made[0]?.id ?? '').execute();
    await db.updateTable('reports').set({ status: 'scheduled', follow_up_date: '2026-12-01' }).where('id', '=', made[1]?.id ?? '').execute();
    await db.updateTable('reports').set({ outbox_failed: 1, outbox_sent: 2 }).where('id', '=', made[2]?.id ?? '').execute();
    const rows = await allOpen();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual([...QUEUE_ROW_FIELDS].sort());
      expect(row).toEqual(toQueueRow(await wholeReport(row.id)));
    }
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(made[0]?.id ?? '')?.number).toBe('M-1234567');
    expect(byId.get(made[1]?.id ?? '')).toMatchObject({ status: 'scheduled', followUpDate: '2026-12-01' });
    expect(byId.get(made[2]?.id ?? '')?.delivery).toBe('failed');
  });

  it('a page that ends exactly at the oldest open report is the last; one row shorter leaves exactly that row for the next', async () => {
    for (let i = 0; i < 4; i++) await create(i);
    const open = (await allOpen()).length;
    const whole = await page(open);
    expect(whole.rows).toHaveLength(open);
    expect(whole.next).toBeNull();
    const short = await page(open - 1);
    expect(short.next).not.toBeNull();
    const rest = await page(200, short.next ?? undefined);
    expect(rest.rows.map((r) => r.id)).toEqual([whole.rows.at(-1)?.id]);
    expect(rest.next).toBeNull();
    // One row a page: each page's cursor is its own row, and the last page says so.
    const single: string[] = [];
    let after: string | undefined;
    do {
      const p = await page(1, after);
      expect(p.rows).toHaveLength(1);
      single.push(p.rows[0]?.id ?? '');
      after = p.next ?? undefined;
    } while (after);
    expect(single).toEqual(whole.rows.map((r) => r.id));
  });

  it('a page past the oldest open report is empty, the last, and still gives the open total', async () => {
    for (let i = 0; i < 3; i++) await create(i);
    const open = (await allOpen()).length;
    const p = await page(200, encodeQueueCursor({ createdAt: '2000-01-01T00:00:00.000Z', id: '00000000-0000-4000-8000-000000000000' }));
    expect(p.rows).toEqual([]);
    expect(p.next).toBeNull();
    expect(p.total).toBe(open);
  });

  it('refuses a malformed cursor and a page above the largest size', async () => {
    expect((await t.api('GET', '/api/reports/queue?after=nonsense', token)).status).toBe(422);
    expect((await t.api('GET', '/api/reports/queue?limit=5001', token)).status).toBe(422);
  });
});
