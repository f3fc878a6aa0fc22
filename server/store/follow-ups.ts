import type { Kysely } from 'kysely';
import { visitTemplates } from '../domain/feedback-templates-visit';
import type { DB } from './schema';

/** The follow-up date acting (hub/follow-up-job.ts, migration 0028): candidates, and the once-per-date claim. */

/** One row per report and follow-up date: the primary key makes a second node's attempt a no-op. */
export interface FollowUpActionTable {
  report_id: string;
  /** The follow-up date the row is for (YYYY-MM-DD); a new date after rescheduling acts again. */
  follow_up_date: string;
  /** What the date did: 'own' (back to the queue) or 'other' (stays scheduled, the desk asks the other team). */
  kind: string;
  at: string;
  node_id: string | null;
}

// The table in the store's DB type, next to its queries (the other tables: schema.ts).
declare module './schema' {
  interface DB {
    follow_up_actions: FollowUpActionTable;
  }
}

export interface ScheduledFollowUp {
  reportId: string;
  followUpDate: string;
}

/**
 * Scheduled reports whose follow-up date is on or before `upTo` (YYYY-MM-DD) and has not acted yet, earliest
 * date first. Whether one is due now (working days, time of day) is the domain's rule (domain/follow-up.ts).
 */
export async function scheduledFollowUps(
  db: Kysely<DB>,
  opts: { upTo: string; limit: number; /** Only those after this one in the order (keyset paging). */ after?: ScheduledFollowUp | undefined },
): Promise<ScheduledFollowUp[]> {
  const after = opts.after;
  const rows = await db
    .selectFrom('reports')
    .select(['reports.id', 'reports.follow_up_date'])
    .where('reports.status', '=', 'scheduled')
    .where('reports.follow_up_date', 'is not', null)
    .where('reports.follow_up_date', '<=', opts.upTo)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('follow_up_actions')
            .select('follow_up_actions.report_id')
            .whereRef('follow_up_actions.report_id', '=', 'reports.id')
            .whereRef('follow_up_actions.follow_up_date', '=', 'reports.follow_up_date'),
        ),
      ),
    )
    .$if(after !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb('reports.follow_up_date', '>', after?.followUpDate ?? ''),
          eb.and([eb('reports.follow_up_date', '=', after?.followUpDate ?? ''), eb('reports.id', '>', after?.reportId ?? '')]),
        ]),
      ),
    )
    .orderBy('reports.follow_up_date')
    .orderBy('reports.id')
    .limit(opts.limit)
    .execute();
  return rows.flatMap((r) => (r.follow_up_date ? [{ reportId: r.id, followUpDate: r.follow_up_date }] : []));
}

/** Records that the report's follow-up date acted; false when it had already (another node, an earlier look). */
export async function claimFollowUp(
  trx: Kysely<DB>,
  row: { reportId: string; followUpDate: string; kind: 'own' | 'other'; at: string; nodeId: string | null },
): Promise<boolean> {
  const result = await trx
    .insertInto('follow_up_actions')
    .values({ report_id: row.reportId, follow_up_date: row.followUpDate, kind: row.kind, at: row.at, node_id: row.nodeId })
    .onConflict((oc) => oc.columns(['report_id', 'follow_up_date']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The follow-up dates of a report that acted, oldest first (tests, the desk's questions). */
export async function followUpActionsOf(db: Kysely<DB>, reportId: string): Promise<{ followUpDate: string; kind: string; at: string }[]> {
  const rows = await db
    .selectFrom('follow_up_actions')
    .select(['follow_up_date', 'kind', 'at'])
    .where('report_id', '=', reportId)
    .orderBy('follow_up_date')
    .execute();
  return rows.map((r) => ({ followUpDate: r.follow_up_date, kind: r.kind, at: r.at }));
}

/**
 * The "vandaag komen we langs" templates on a hub whose templates were seeded before they existed: added by id
 * when missing, never over an admin's edit (store/templates.ts seeds only an empty table).
 */
export async function ensureVisitTemplates(db: Kysely<DB>, at: string): Promise<void> {
  for (const t of visitTemplates) {
    await db
      .insertInto('feedback_templates')
      .values({ id: t.id, category: t.category, trigger: t.trigger, outcome: null, locale: t.locale, subject: t.subject, body: t.body, updated_by: null, updated_at: at })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
}
