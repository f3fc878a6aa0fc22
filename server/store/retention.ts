import './follow-ups';
import './schema-sub-reports';
import type { Kysely } from 'kysely';
import { ANONYMISED, type ReportDataKind } from '../domain/retention';
import { dropAnswerPhotoLinks } from './answer-photo-links';
import { withdrawApprovalsOf } from './photos';
import { formatReportNumber } from './reports';
import type { DB } from './schema';

/** What the retention job erases per closed report, and the reports it deletes whole (store side). */

export interface DueReport {
  id: string;
  number: string;
  version: number;
}

/**
 * Closed reports, closed before `cutoff`, whose data of `kind` was not erased at their current version
 * (a report changed since, reopened and closed again, is looked at again). Oldest closing first.
 */
export async function reportsDue(db: Kysely<DB>, kind: ReportDataKind, cutoff: string, limit: number): Promise<DueReport[]> {
  const rows = await db
    .selectFrom('reports')
    .select(['id', 'number', 'version'])
    .where('status', '=', 'closed')
    .where('closed_at', '<', cutoff)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('report_retention')
            .select('report_retention.report_id')
            .whereRef('report_retention.report_id', '=', 'reports.id')
            .where('report_retention.kind', '=', kind)
            .whereRef('report_retention.version', '=', 'reports.version'),
        ),
      ),
    )
    .orderBy('closed_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, number: formatReportNumber(Number(r.number)), version: Number(r.version) }));
}

/** Records that `kind` of these reports' data is erased at their present version. */
export async function markErased(trx: Kysely<DB>, kind: ReportDataKind, reports: readonly DueReport[], at: string): Promise<void> {
  if (reports.length === 0) return;
  const ids = reports.map((r) => r.id);
  await trx.deleteFrom('report_retention').where('kind', '=', kind).where('report_id', 'in', ids).execute();
  await trx
    .insertInto('report_retention')
    .values(reports.map((r) => ({ report_id: r.id, kind, version: r.version, at })))
    .execute();
}

/** Reporter name, e-mail and phone; the description; the status link and code; what an Open311 app sent about its user. */
export async function eraseContacts(trx: Kysely<DB>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const list = [...ids];
  await trx.updateTable('reporters').set({ name: null, email: null, phone: null }).where('report_id', 'in', list).execute();
  await trx.updateTable('reports').set({ description: ANONYMISED, citizen_token: null, citizen_code: null }).where('id', 'in', list).execute();
  await trx
    .updateTable('open311_requests')
    .set({ attributes: '{}', media_url: null, device_id: null, account_id: null, title: null })
    .where('report_id', 'in', list)
    .execute();
  await trx.updateTable('open311_comments').set({ description: ANONYMISED, media_url: null }).where('report_id', 'in', list).execute();
  // The approved photo of the fix was public under the status link: it goes with it (the originals at photoDays).
  await withdrawApprovalsOf(trx, list);
}

/**
 * Recipient and text of the messages sent (or given up on); a message still queued is left to be
 * delivered. Returns the reports that had such messages.
 */
export async function eraseMessages(trx: Kysely<DB>, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const affected = await trx
    .selectFrom('outbox')
    .select('report_id')
    .distinct()
    .where('report_id', 'in', [...ids])
    .where('status', 'in', ['sent', 'failed'])
    .where((w) => w.or([w('recipient', '!=', ANONYMISED), w('body_text', '!=', ANONYMISED), w('body_html', 'is not', null), w('last_error', 'is not', null)]))
    .execute();
  if (affected.length === 0) return [];
  await trx
    .updateTable('outbox')
    .set({ recipient: ANONYMISED, body_text: ANONYMISED, body_html: null, last_error: null })
    .where('report_id', 'in', [...ids])
    .where('status', 'in', ['sent', 'failed'])
    .execute();
  return affected.map((r) => r.report_id);
}

/** The citizen's answers keep whether they were satisfied, not what they wrote. Returns the reports that had comments. */
export async function eraseCitizenComments(trx: Kysely<DB>, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  // The reporter's answers to the desk's questions are their own words too (migration 0026).
  await trx.updateTable('reporter_questions').set({ answer: null }).where('report_id', 'in', [...ids]).where('answer', 'is not', null).execute();
  const affected = await trx.selectFrom('citizen_responses').select('report_id').distinct().where('report_id', 'in', [...ids]).where('comment', 'is not', null).execute();
  if (affected.length === 0) return [];
  await trx.updateTable('citizen_responses').set({ comment: null }).where('report_id', 'in', [...ids]).execute();
  return affected.map((r) => r.report_id);
}

/** Returns the reports that had photos. */
export async function deletePhotosOf(trx: Kysely<DB>, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const list = [...ids];
  const affected = new Set<string>();
  for (const table of ['photos', 'photos_legacy'] as const) {
    for (const row of await trx.selectFrom(table).select('report_id').distinct().where('report_id', 'in', list).execute()) affected.add(row.report_id);
  }
  if (affected.size === 0) return [];
  await trx.deleteFrom('photos').where('report_id', 'in', list).execute();
  await trx.deleteFrom('photos_legacy').where('report_id', 'in', list).execute();
  await dropAnswerPhotoLinks(trx, list);
  return [...affected];
}

/**
 * Rewrites the stored events of these reports with `rewrite` (payload → new payload, or null when
 * unchanged), so the catch-up stream and the timeline never serve erased data. Returns the reports
 * whose events changed.
 */
export async function rewriteReportEvents(
  trx: Kysely<DB>,
  ids: readonly string[],
  rewrite: (type: string, payload: Record<string, unknown>) => Record<string, unknown> | null,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await trx.selectFrom('events').select(['seq', 'type', 'report_id', 'payload']).where('report_id', 'in', [...ids]).orderBy('seq').execute();
  const changed = new Set<string>();
  for (const row of rows) {
    const next = rewrite(row.type, JSON.parse(row.payload) as Record<string, unknown>);
    if (!next) continue;
    await trx.updateTable('events').set({ payload: JSON.stringify(next) }).where('seq', '=', row.seq).execute();
    if (row.report_id) changed.add(row.report_id);
  }
  return [...changed];
}

/** Closed reports closed before `cutoff`: deleted whole. */
export async function reportsClosedBefore(db: Kysely<DB>, cutoff: string, limit: number): Promise<DueReport[]> {
  const rows = await db
    .selectFrom('reports')
    .select(['id', 'number', 'version'])
    .where('status', '=', 'closed')
    .where('closed_at', '<', cutoff)
    .orderBy('closed_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, number: formatReportNumber(Number(r.number)), version: Number(r.version) }));
}

/**
 * Deletes the reports and everything about them: events (their timeline), resolutions, messages,
 * reporters, citizen answers, photos, assignments, alerts, Open311 details; the KPI facts go by their foreign key
 * (migration 0052). A unit still pointing at one lets go of it. A part (deelmelding) whose main report goes loses its
 * link to it.
 */
export async function deleteReports(trx: Kysely<DB>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const list = [...ids];
  await trx.updateTable('units').set({ current_report_id: null }).where('current_report_id', 'in', list).execute();
  for (const table of ['events', 'alerts', 'report_retention', 'photos', 'photos_legacy'] as const) {
    await trx.deleteFrom(table).where('report_id', 'in', list).execute();
  }
  for (const table of ['outbox', 'citizen_responses', 'resolutions', 'assignments', 'open311_comments', 'open311_requests', 'reporters', 'external_referrals', 'reporter_questions', 'follow_up_actions'] as const) {
    await trx.deleteFrom(table).where('report_id', 'in', list).execute();
  }
  await trx.updateTable('reports').set({ parent_report_id: null }).where('parent_report_id', 'in', list).execute();
  await trx.deleteFrom('reports').where('id', 'in', list).execute();
}
