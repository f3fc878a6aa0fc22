import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/log';
import type { Report } from '../../server/protocol/report';
import { storeKinds } from '../support/databases';
import { dispatchThroughOffer } from '../support/dispatch-offer';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

/**
 * The follow-up job (hub/follow-up-job.ts) with reports that fail every time (issue 16, point 4): 50 of them, earlier
 * in the order than a good one, must not hold it up (a look read the same first 50 again and stopped), and a failing
 * one waits before it is tried again (logged with how often it failed and when it is tried next). The failure is real:
 * a trigger in the store refuses the follow-up claim of those reports.
 */

const SCHEDULED_AT = new Date('2026-12-21T09:00:00Z');
const DUE = new Date('2026-12-28T06:00:00Z');
const BROKEN = 50;

function logLines() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const failures = () =>
    lines.map((l) => JSON.parse(l) as { msg: string; reportId?: string; failures?: number; retryAt?: string }).filter((l) => l.msg.startsWith('follow-up date: not acted on'));
  return { logger: createLogger({ logLevel: 'warn' }, stream), failures };
}

describe.each(storeKinds)('follow-up dates that fail every time (%s)', (store) => {
  let t: TestHub;
  afterEach(async () => {
    await t?.stop();
  }, 60_000);

  it('50 failing reports first in line: the good one behind them acts; the failing ones wait, longer each time', { timeout: 180_000 }, async () => {
    let now = SCHEDULED_AT.getTime();
    const log = logLines();
    t = await startTestHub({ store, clock: () => new Date(now), logger: log.logger });
    const token = (await t.login('centralist')).token;
    // One report scheduled for Saturday 26 December by the control room itself (acts Monday 28 December 07:00).
    const created = await t.api<Report>('POST', '/api/reports', token, sampleReport({ description: 'Boomtak hangt laag over de stoep' }));
    const id = created.body.id;
    const move = (body: object) => t.api<Report>('POST', `/api/reports/${id}/transition`, token, body);
    expect((await move({ to: 'triaged' })).status).toBe(200);
    expect((await dispatchThroughOffer(t, token, id)).status).toBe('dispatched');
    expect((await move({ to: 'in_progress' })).status).toBe(200);
    const schedule = {
      kind: 'schedule',
      found: { code: 'tak_laag', text: 'Tak hangt op 1,80 m boven de stoep' },
      action: { code: 'onderhoudsronde', text: 'Gemarkeerd voor de snoeiploeg' },
      followUp: { date: '2026-12-26', what: 'De tak wordt gesnoeid', who: 'Meldkamer' },
    };
    expect((await move({ to: 'awaiting_review', resolution: schedule })).status).toBe(200);
    expect((await move({ to: 'scheduled', resolution: schedule })).status).toBe(200);

    // 50 scheduled reports with an earlier date (Thursday 24 December), whose follow-up claim the store refuses.
    const { db } = t.hub.store;
    const good = await db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const top = Number(good.number);
    const broken = Array.from({ length: BROKEN }, (_, i) => ({
      ...good,
      id: `broken-${String(i).padStart(3, '0')}`,
      number: top + 1 + i,
      follow_up_date: '2026-12-24',
      citizen_token: null,
      citizen_code: null,
    }));
    await db.insertInto('reports').values(broken).execute();
    if (store === 'sqlite') {
      await sql`create trigger refuse_broken before insert on follow_up_actions when new.report_id like 'broken-%' begin select raise(abort, 'refused for the test'); end`.execute(db);
    } else {
      await sql`create function refuse_broken() returns trigger language plpgsql as $$ begin if new.report_id like 'broken-%' then raise exception 'refused for the test'; end if; return new; end $$`.execute(db);
      await sql`create trigger refuse_broken before insert on follow_up_actions for each row execute function refuse_broken()`.execute(db);
    }

    now = DUE.getTime();
    expect(await t.hub.followUps.tick()).toEqual({ own: 1, other: 0 });
    expect((await db.selectFrom('reports').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('triaged');
    const first = log.failures();
    expect(first).toHaveLength(BROKEN);
    expect(new Set(first.map((l) => l.reportId)).size).toBe(BROKEN);
    expect(first.every((l) => l.failures === 1 && l.retryAt === new Date(DUE.getTime() + 60_000).toISOString())).toBe(true);

    // Still waiting: the next look does not try them again.
    now += 30_000;
    expect(await t.hub.followUps.tick()).toEqual({ own: 0, other: 0 });
    expect(log.failures()).toHaveLength(BROKEN);

    // After the wait they are tried again, and wait twice as long.
    now = DUE.getTime() + 61_000;
    expect(await t.hub.followUps.tick()).toEqual({ own: 0, other: 0 });
    const second = log.failures().slice(BROKEN);
    expect(second).toHaveLength(BROKEN);
    expect(second.every((l) => l.failures === 2 && l.retryAt === new Date(now + 120_000).toISOString())).toBe(true);
    // Nothing acted for them, and they are still scheduled (the desk sees them as before).
    expect(await db.selectFrom('follow_up_actions').select('report_id').where('report_id', 'like', 'broken-%').execute()).toEqual([]);
    const statuses = await db.selectFrom('reports').select('status').where('id', 'like', 'broken-%').execute();
    expect(statuses.every((r) => r.status === 'scheduled')).toBe(true);
  });
});
