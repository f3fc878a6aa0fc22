import { randomUUID } from 'node:crypto';
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { DB } from './schema';

declare module './schema' {
  interface CitizenResponseTable {
    /** The standard reason chosen with the answer (migration 0027, domain/satisfaction.ts); null: none given. */
    reason: string | null;
  }
}

/** Has the citizen answered the satisfaction question since `since` (the report's last change)? */
export async function answeredSince(db: Kysely<DB>, reportId: string, since: string): Promise<boolean> {
  const row = await db
    .selectFrom('citizen_responses')
    .select('id')
    .where('report_id', '=', reportId)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertCitizenResponse(
  trx: Kysely<DB>,
  response: { reportId: string; satisfied: boolean; reason?: string | null; comment: string | null; at: string },
): Promise<void> {
  await trx
    .insertInto('citizen_responses')
    .values({
      id: randomUUID(),
      report_id: response.reportId,
      satisfied: response.satisfied ? 1 : 0,
      reason: response.reason ?? null,
      comment: response.comment,
      created_at: response.at,
    })
    .execute();
}

/**
 * The satisfaction figures of a period [from, to): answers given in it, by answer and reason, and the closures in it
 * with a reporter to ask (the response rate's denominator).
 *
 * Closures come from the event log (every `report.transitioned` to `closed` whose report then had a reporter), not
 * from the reports' current state: a report closed, reopened on a "nee" and still open was asked all the same, and a
 * report closed twice in the period was asked twice (each closing sends the question again, and each can be answered
 * once: commands/citizen.ts). Parts of a split report have no reporter and are not counted; nor are referrals, which
 * are not asked. An answer in the period to a closure before it can still make answers exceed closures: the rate is
 * capped at 100 % (domain/satisfaction.ts).
 */
export async function satisfactionCounts(
  db: Kysely<DB>,
  from: string,
  to: string,
): Promise<{ asked: number; answers: { satisfied: boolean; reason: string | null; count: number }[] }> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // The status change's target and the report's reporter count at that moment, from the event's JSON payload.
  const target = postgres ? sql`(payload::jsonb ->> 'to')` : sql`json_extract(payload, '$.to')`;
  const reporters = postgres
    ? sql`coalesce((payload::jsonb -> 'report' ->> 'reporterCount')::integer, 0)`
    : sql`coalesce(json_extract(payload, '$.report.reporterCount'), 0)`;
  // A referral is not asked (domain/citizen-view.ts mayAskSatisfaction): another party solves it.
  const outcome = postgres ? sql`coalesce(payload::jsonb ->> 'outcome', '')` : sql`coalesce(json_extract(payload, '$.outcome'), '')`;
  const [asked, answers] = await Promise.all([
    db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('type', '=', 'report.transitioned')
      .where('at', '>=', from)
      .where('at', '<', to)
      .where(target, '=', 'closed')
      .where(reporters, '>', 0)
      .where(outcome, '<>', 'referred')
      .executeTakeFirst(),
    db
      .selectFrom('citizen_responses')
      .select(['satisfied', 'reason', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .groupBy(['satisfied', 'reason'])
      .execute(),
  ]);
  return {
    asked: Number(asked?.n ?? 0),
    answers: answers.map((a) => ({ satisfied: Number(a.satisfied) === 1, reason: a.reason, count: Number(a.n) })),
  };
}
