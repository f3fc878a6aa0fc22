import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/store/migrate';
import { deleteReports } from '../../server/store/retention';
import { storeKinds } from '../support/databases';
import { migrateUpTo, olderCategory, storeForEachTest } from '../support/filled-database';

/**
 * The migrations of issues 15 and 16 (0024–0031) together on a database that already holds data: many reports with
 * reporters, photos, satisfaction answers, events and an Open311 key and request. Every migration applies; set-based
 * SQL fills the tables (no per-row loop in the test either) so a migration that walks the rows one by one shows up
 * in the time it takes; existing rows read with the new columns' defaults; the new lookups have their indexes; and a
 * report with rows in the new tables can still be deleted whole (foreign keys).
 */
const REPORTS = 20_000;
const NEW_MIGRATIONS = [
  '0024_messages_from_a_person',
  '0025_fix_photos',
  '0026_reporter_questions',
  '0027_satisfaction_reasons',
  '0028_follow_up_actions',
  '0029_sub_reports',
  '0030_external_referrals',
  '0031_open311_fixmystreet',
];

describe.each(storeKinds)('migrations 0024–0031 on a filled database over %s', (kind) => {
  const fresh = storeForEachTest(kind, '0024-0031');

  it('applies all of them without a per-row walk, keeps every row, and indexes the new lookups', { timeout: 240_000 }, async () => {
    const { store } = fresh;
    const old = await migrateUpTo(store.db, '0023_report_context');
    const at = '2026-03-01T10:00:00.000Z';
    await old
      .insertInto('categories')
      .values([olderCategory('groen', { name_nl: 'Boomtak / groen', name_en: 'Greenery' }), olderCategory('graffiti', { name_nl: 'Graffiti', name_en: 'Graffiti', sort_order: 2 })])
      .execute();
    await old.insertInto('users').values({ id: 'u1', username: 'api', display_name: 'API', role: 'admin', password_hash: 'x', created_at: at }).execute();
    await old.insertInto('api_keys').values({ id: 'k1', client_name: 'FixMyStreet', key_hash: 'h1', key_prefix: 'p1', user_id: 'u1', created_at: at }).execute();

    // Set-based fills: n = 1..REPORTS.
    const series =
      kind === 'postgres'
        ? sql`generate_series(1, ${sql.lit(REPORTS)}) as n(i)`
        : sql`(with recursive s(i) as (select 1 union all select i + 1 from s where i < ${sql.lit(REPORTS)}) select i from s) as n`;
    const id = kind === 'postgres' ? sql`'r' || i::text` : sql`'r' || i`;
    const text = (prefix: string) => (kind === 'postgres' ? sql`${sql.lit(prefix)} || i::text` : sql`${sql.lit(prefix)} || i`);
    await sql`insert into reports (id, number, category, lat, lng, address, description, source, priority, status, outcome, created_by, created_at, updated_at, version)
      select ${id}, i, case when i % 2 = 0 then 'groen' else 'graffiti' end, 52.07, 4.3, ${text('Spui ')}, 'Tak hangt laag', 'phone', 'normal',
        case when i % 3 = 0 then 'closed' else 'triaged' end, case when i % 3 = 0 then 'resolved' else null end, null, ${at}, ${at}, i
      from ${series}`.execute(old);
    await sql`insert into reporters (id, report_id, name, email, phone, created_at)
      select ${text('p')}, ${id}, 'Jan Jansen', 'jan@example.nl', null, ${at} from ${series}`.execute(old);
    await sql`insert into events (seq, type, report_id, actor_id, at, payload)
      select i, case when i % 2 = 0 then 'report.transitioned' else 'report.created' end, ${id}, null, ${at}, '{}' from ${series}`.execute(old);
    await sql`insert into citizen_responses (id, report_id, satisfied, comment, created_at)
      select ${text('c')}, ${id}, 1, null, ${at} from ${series} where i % 3 = 0`.execute(old);
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xd9]);
    await old
      .insertInto('photos')
      .values({ id: 'ph1', report_id: 'r1', unit_id: null, content_type: 'image/jpeg', size: bytes.byteLength, width: 1, height: 1, data: bytes, finding_seq: null, created_at: at })
      .execute();
    await old.insertInto('open311_requests').values({ report_id: 'r2', api_key_id: 'k1', attributes: '{}', media_url: null, device_id: null, account_id: null, created_at: at }).execute();

    const started = Date.now();
    const applied = await migrateToLatest(store.db);
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(`${kind}: 0024–0031 over ${REPORTS} reports in ${seconds.toFixed(1)} s\n`);
    for (const name of NEW_MIGRATIONS) expect(applied).toContain(name);
    // DDL and set-based updates only: a per-row walk over 20,000 reports (and their reporters and events) would take
    // far longer than this on either store.
    expect(seconds).toBeLessThan(60);

    const db = store.db;
    expect(Number((await db.selectFrom('reports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(REPORTS);
    const report = await db.selectFrom('reports').select(['parent_report_id', 'parent_number', 'part_team', 'part_count', 'awaiting_reply_since']).where('id', '=', 'r7').executeTakeFirstOrThrow();
    expect({ ...report, part_count: Number(report.part_count) }).toEqual({ parent_report_id: null, parent_number: null, part_team: null, part_count: 0, awaiting_reply_since: null });
    expect(await db.selectFrom('reporters').select(['name', 'salutation']).where('id', '=', 'p7').executeTakeFirstOrThrow()).toEqual({ name: 'Jan Jansen', salutation: null });
    expect(await db.selectFrom('categories').select(['code', 'phrase_nl']).orderBy('code').execute()).toEqual([
      { code: 'graffiti', phrase_nl: null },
      { code: 'groen', phrase_nl: 'een boomtak of ander groen' },
    ]);
    expect(await db.selectFrom('photos').select(['kind', 'approval_state', 'approved_data']).where('id', '=', 'ph1').executeTakeFirstOrThrow()).toEqual({
      kind: null,
      approval_state: 'none',
      approved_data: null,
    });
    expect(await db.selectFrom('citizen_responses').select('reason').where('id', '=', 'c3').executeTakeFirstOrThrow()).toEqual({ reason: null });
    expect(Number((await db.selectFrom('api_keys').select('send_messages').where('id', '=', 'k1').executeTakeFirstOrThrow()).send_messages)).toBe(1);
    expect(await db.selectFrom('open311_requests').select('title').where('report_id', '=', 'r2').executeTakeFirstOrThrow()).toEqual({ title: null });

    const indexes = new Set(
      kind === 'postgres'
        ? (await sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema()`.execute(db)).rows.map((r) => r.name)
        : (await sql<{ name: string }>`select name from sqlite_master where type = 'index'`.execute(db)).rows.map((r) => r.name),
    );
    for (const name of [
      'reports_parts_of',
      'reporter_questions_by_report',
      'reporter_questions_one_open',
      'reporter_questions_open_due',
      'citizen_responses_by_time',
      'external_referrals_report',
      'open311_comments_client_update',
      'open311_comments_report',
      'events_transitions_at',
    ]) {
      expect(indexes, name).toContain(name);
    }

    // A report with rows in the new tables is deleted whole (the retention job's deleteReports), foreign keys and all.
    await db
      .insertInto('reporter_questions')
      .values({ id: 'q1', report_id: 'r2', question: 'Welke kant?', channel: 'email', asked_by: null, asked_at: at, due_at: at, answer: null, answer_photo_id: null, ended_at: null, end_reason: null })
      .execute();
    await db
      .insertInto('open311_comments')
      .values({ id: 'oc1', api_key_id: 'k1', client_update_id: 'u-1', report_id: 'r2', status: 'open', description: 'Nog steeds', media_url: null, created_at: at })
      .execute();
    await db
      .insertInto('external_referrals')
      .values({ id: 'x1', report_id: 'r2', party_name: 'Woningcorporatie', email: null, question: 'Wat deden jullie?', token_hash: 'th1', created_by: null, created_at: at, expires_at: at, answer_photo_ids: '[]' })
      .execute();
    await db.transaction().execute((trx) => deleteReports(trx, ['r2']));
    expect(await db.selectFrom('reports').select('id').where('id', '=', 'r2').executeTakeFirst()).toBeUndefined();
    for (const table of ['reporter_questions', 'open311_comments', 'external_referrals', 'open311_requests'] as const) {
      expect(await db.selectFrom(table).select('report_id').where('report_id', '=', 'r2').execute(), table).toEqual([]);
    }
  });
});
