import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { privacySubject } from '../../server/domain/privacy-subject';
import type { Report } from '../../server/protocol/report';
import { toQueueRow } from '../../server/protocol/report-queue';
import { migrateToLatest } from '../../server/store/migrate';
import { claimDue, enqueueMessage, markAttemptFailed, markSent, retryFailed } from '../../server/store/outbox';
import { eraseSubject, findSubject } from '../../server/store/privacy';
import { openQueuePage } from '../../server/store/report-queue';
import { moveReporters } from '../../server/store/reporters';
import { getReport, insertReport, insertReporter } from '../../server/store/reports';
import { deleteReports } from '../../server/store/retention';
import type { DB } from '../../server/store/schema';
import { storeKinds } from '../support/databases';
import { migrateUpTo, olderCategory, olderReport, storeForEachTest } from '../support/filled-database';

const AT = '2026-03-02T09:00:00.000Z';

/** The counts as the rows say, next to the counts kept on each report. */
async function countsOf(db: Kysely<DB>) {
  const reports = await db.selectFrom('reports').select(['id', 'reporter_count', 'outbox_queued', 'outbox_failed', 'outbox_sent']).orderBy('id').execute();
  const reporters = await db.selectFrom('reporters').select('report_id').execute();
  const outbox = await db.selectFrom('outbox').select(['report_id', 'status']).execute();
  const kept = reports.map((r) => ({ id: r.id, reporters: r.reporter_count, queued: r.outbox_queued, failed: r.outbox_failed, sent: r.outbox_sent }));
  const actual = reports.map((r) => ({
    id: r.id,
    reporters: reporters.filter((x) => x.report_id === r.id).length,
    queued: outbox.filter((x) => x.report_id === r.id && x.status === 'queued').length,
    failed: outbox.filter((x) => x.report_id === r.id && x.status === 'failed').length,
    sent: outbox.filter((x) => x.report_id === r.id && x.status === 'sent').length,
  }));
  return { kept, actual };
}

async function expectCountsRight(db: Kysely<DB>) {
  const { kept, actual } = await countsOf(db);
  expect(kept).toEqual(actual);
}

function reportRow(id: string, number: number, status = 'new') {
  return olderReport(number, { id, address: 'Laan 1', status, outcome: status === 'closed' ? 'resolved' : null, created_at: `2026-03-0${number}T09:00:00.000Z`, updated_at: AT });
}

describe.each(storeKinds)('counts kept on the report row over %s (migration 0011)', (kind) => {
  const fresh = storeForEachTest(kind, 'counts');

  it('backfills the counts when it migrates a database that already holds reports, reporters and messages', async () => {
    const { store } = fresh;
    const old = await migrateUpTo(store.db, '0010_alert_texts');
    await old.insertInto('categories').values(olderCategory('groen', { name_nl: 'Groen', name_en: 'Green' })).execute();
    await old.insertInto('reports').values([reportRow('r1', 1), reportRow('r2', 2), reportRow('r3', 3, 'closed')]).execute();
    const reporter = (id: string, reportId: string) => ({ id, report_id: reportId, name: 'Melder', email: `${id}@example.test`, phone: null, created_at: AT });
    await old.insertInto('reporters').values([reporter('p1', 'r1'), reporter('p2', 'r1'), reporter('p3', 'r3')]).execute();
    const message = (id: string, reportId: string, status: string) => ({
      id,
      report_id: reportId,
      reporter_id: null,
      trigger: 'closed',
      channel: 'email',
      recipient: 'melder@example.test',
      subject: 'Uw melding',
      body_text: 'Tekst',
      body_html: null,
      status,
      attempts: 0,
      next_attempt_at: AT,
      last_error: null,
      lease_owner: null,
      lease_until: null,
      created_at: AT,
      sent_at: null,
    });
    await old.insertInto('outbox').values([message('m1', 'r1', 'queued'), message('m2', 'r1', 'sent'), message('m3', 'r3', 'failed'), message('m4', 'r3', 'sent')]).execute();

    expect(await migrateToLatest(store.db)).toContain('0011_report_counts');

    await expectCountsRight(store.db);
    expect((await getReport(store.db, 'r1'))?.reporterCount).toBe(2);
    expect((await getReport(store.db, 'r1'))?.delivery).toBe('queued');
    expect((await getReport(store.db, 'r2'))).toMatchObject({ reporterCount: 0, hasReporter: false, delivery: 'none' });
    expect((await getReport(store.db, 'r3'))).toMatchObject({ reporterCount: 1, delivery: 'failed' });
    // The open queue reads the backfilled counts: the closed r3 is not in it.
    const page = await openQueuePage(store.db, null, 10);
    expect(page.rows.map((r) => [r.id, r.delivery])).toEqual([
      ['r2', 'none'],
      ['r1', 'queued'],
    ]);
    expect(page.total).toBe(2);
    // Built as JSON by the database, each row is the slim row of the `Report` getReport makes.
    const whole = async (id: string) => toQueueRow((await getReport(store.db, id)) as Report);
    expect(page.rows).toEqual([await whole('r2'), await whole('r1')]);
  });

  it('keeps the counts right through create, linked callers, a merge, delivery sent/failed/retry, erasure and deletion', async () => {
    const db = fresh.store.db;
    await migrateToLatest(db);
    await db.insertInto('categories').values({ code: 'groen', name_nl: 'Groen', name_en: 'Green', department: 'Stadsbeheer', sla_working_days: 5, sort_order: 1 }).execute();
    await insertReport(db, reportRow('a', 1));
    await insertReport(db, reportRow('b', 2));
    await insertReporter(db, { id: 'pa', reportId: 'a', email: 'jan@example.test', at: AT });
    await insertReporter(db, { id: 'pa2', reportId: 'a', phone: '0612345678', at: AT });
    await insertReporter(db, { id: 'pb', reportId: 'b', email: 'els@example.test', at: AT });
    await expectCountsRight(db);
    expect((await getReport(db, 'a'))?.reporterCount).toBe(2);

    const mail = (reportId: string, recipient: string) =>
      enqueueMessage(db, { reportId, trigger: 'closed', channel: 'email', recipient, subject: 'Uw melding', bodyText: 'Tekst', at: AT });
    const m1 = await mail('a', 'jan@example.test');
    const m2 = await mail('a', 'jan@example.test');
    const m3 = await mail('b', 'els@example.test');
    await expectCountsRight(db);
    expect((await getReport(db, 'a'))?.delivery).toBe('queued');

    const now = new Date(AT);
    const claimed = await claimDue(db, { owner: 'w', now, leaseMs: 60_000, limit: 10 });
    expect(claimed).toHaveLength(3);
    expect(await markSent(db, m1.id, 'w', now)).toBeDefined();
    expect(await markAttemptFailed(db, m2.id, 'w', { error: 'smtp 550', now, maxAttempts: 1 })).toMatchObject({ status: 'failed' });
    expect(await markAttemptFailed(db, m3.id, 'w', { error: 'smtp 451', now, maxAttempts: 5 })).toMatchObject({ status: 'queued' });
    await expectCountsRight(db);
    expect((await getReport(db, 'a'))?.delivery).toBe('failed');
    expect(await retryFailed(db, m2.id, now)).toMatchObject({ status: 'queued' });
    await expectCountsRight(db);
    expect((await getReport(db, 'a'))?.delivery).toBe('queued');

    // A merged duplicate's reporters follow the original.
    await moveReporters(db, ['pb'], 'a');
    await expectCountsRight(db);
    expect((await getReport(db, 'a'))?.reporterCount).toBe(3);
    expect((await getReport(db, 'b'))).toMatchObject({ reporterCount: 0, hasReporter: false });

    // Erasure drops the citizen's unsent messages and keeps the sent one without its text.
    const subject = privacySubject({ email: 'jan@example.test' });
    await eraseSubject(db, subject, await findSubject(db, subject));
    await expectCountsRight(db);
    expect((await getReport(db, 'a'))?.delivery).toBe('sent');

    // Retention deletes whole reports with their rows; the others keep their counts.
    await deleteReports(db, ['b']);
    await expectCountsRight(db);
    expect((await getReport(db, 'a'))?.reporterCount).toBe(3);
  });
});
