import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
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
 * The satisfaction figures of a period [from, to): answers given in it, by answer and reason, and the reports closed
 * in it with a reporter to ask (the response rate's denominator).
 */
export async function satisfactionCounts(
  db: Kysely<DB>,
  from: string,
  to: string,
): Promise<{ asked: number; answers: { satisfied: boolean; reason: string | null; count: number }[] }> {
  const [asked, answers] = await Promise.all([
    db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('closed_at', '>=', from)
      .where('closed_at', '<', to)
      .where('reporter_count', '>', 0)
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
