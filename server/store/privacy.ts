import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { type PrivacySubject, phoneDigitVariants, scrubSubject } from '../domain/privacy-subject';
import { dropAnswerPhotoLinks } from './answer-photo-links';
import { deletePhotosOfReports } from './photos';
import { recountMessages } from './report-counts';
import type { DB, OutboxRow } from './schema';

/** A citizen's data, found by e-mail address or phone number, and erased on request (reports stay, anonymised). */

export interface SubjectReporter {
  id: string;
  reportId: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  consentAt: string | null;
  consentVia: string | null;
  createdAt: string;
}

export interface SubjectData {
  reporters: SubjectReporter[];
  /** The messages addressed to the citizen, newest first. */
  messages: OutboxRow[];
  /** Every report they reported or were written about, oldest first. */
  reportIds: string[];
}

/** A text column with the separators of a phone number taken out (portable: SQLite and PostgreSQL). */
const digitsOf = (column: string) =>
  sql<string>`replace(replace(replace(replace(replace(${sql.ref(column)}, ' ', ''), '-', ''), '(', ''), ')', ''), '+', '')`;

function matches<T extends 'reporters' | 'outbox'>(eb: ExpressionBuilder<DB, T>, subject: PrivacySubject, emailColumn: string, phoneColumn: string) {
  const alternatives = [];
  if (subject.email) alternatives.push(eb(sql<string>`lower(${sql.ref(emailColumn)})`, '=', subject.email));
  if (subject.phone) alternatives.push(eb(digitsOf(phoneColumn), 'in', phoneDigitVariants(subject.phone)));
  return alternatives.length > 0 ? eb.or(alternatives) : eb.val(false);
}

export async function findSubject(db: Kysely<DB>, subject: PrivacySubject): Promise<SubjectData> {
  const reporters = await db
    .selectFrom('reporters')
    .selectAll()
    .where((eb) => eb.or([matches(eb, subject, 'reporters.email', 'reporters.phone')]))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const messages = await db
    .selectFrom('outbox')
    .selectAll()
    .where('recipient', '!=', '')
    .where((eb) => eb.or([matches(eb, subject, 'outbox.recipient', 'outbox.recipient')]))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const ids = new Set([...reporters.map((r) => r.report_id), ...messages.map((m) => m.report_id)]);
  const reportIds =
    ids.size === 0
      ? []
      : (await db.selectFrom('reports').select('id').where('id', 'in', [...ids]).orderBy('created_at').orderBy('number').execute()).map((r) => r.id);
  return {
    reporters: reporters.map((r) => ({
      id: r.id,
      reportId: r.report_id,
      name: r.name,
      email: r.email,
      phone: r.phone,
      consentAt: r.consent_at,
      consentVia: r.consent_via,
      createdAt: r.created_at,
    })),
    messages,
    reportIds,
  };
}

export async function citizenResponsesOf(db: Kysely<DB>, reportIds: readonly string[]) {
  if (reportIds.length === 0) return [];
  const rows = await db
    .selectFrom('citizen_responses')
    .selectAll()
    .where('report_id', 'in', [...reportIds])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ reportId: r.report_id, satisfied: Number(r.satisfied) === 1, comment: r.comment, at: r.created_at }));
}

export async function open311ExtrasOf(db: Kysely<DB>, reportIds: readonly string[]) {
  if (reportIds.length === 0) return [];
  const rows = await db
    .selectFrom('open311_requests')
    .select(['report_id', 'device_id', 'account_id'])
    .where('report_id', 'in', [...reportIds])
    .execute();
  return rows.map((r) => ({ reportId: r.report_id, deviceId: r.device_id, accountId: r.account_id }));
}

export interface ErasedCounts {
  reports: number;
  reporters: number;
  messages: number;
  responses: number;
}

/**
 * Erases what `found` holds of the citizen, inside the caller's transaction: their contact details on every
 * reporter row (the row stays, so the report keeps its history), their messages (sent ones keep their date and
 * state without recipient or body; unsent ones are dropped), the comments on those reports' status pages and through
 * Open311 apps, the Open311 device and account ids and titles, and their address and number inside descriptions and the event log's payloads.
 */
export async function eraseSubject(trx: Kysely<DB>, subject: PrivacySubject, found: SubjectData): Promise<ErasedCounts> {
  const reporterIds = found.reporters.map((r) => r.id);
  if (reporterIds.length > 0) {
    await trx.updateTable('reporters').set({ name: null, email: null, phone: null }).where('id', 'in', reporterIds).execute();
  }
  const sent = found.messages.filter((m) => m.status === 'sent').map((m) => m.id);
  const unsent = found.messages.filter((m) => m.status !== 'sent').map((m) => m.id);
  if (sent.length > 0) {
    await trx.updateTable('outbox').set({ recipient: '', subject: '', body_text: '', body_html: null, last_error: null }).where('id', 'in', sent).execute();
  }
  if (unsent.length > 0) {
    await trx.deleteFrom('outbox').where('id', 'in', unsent).execute();
    await recountMessages(trx, found.messages.filter((m) => m.status !== 'sent').map((m) => m.report_id));
  }
  let responses = 0;
  if (found.reportIds.length > 0) {
    const ids = [...found.reportIds];
    const result = await trx
      .updateTable('citizen_responses')
      .set({ comment: null })
      .where('report_id', 'in', ids)
      .where('comment', 'is not', null)
      .executeTakeFirst();
    responses = Number(result.numUpdatedRows);
    // Their answers to the desk's questions (store/reporter-questions.ts).
    await trx.updateTable('reporter_questions').set({ answer: null }).where('report_id', 'in', ids).where('answer', 'is not', null).execute();
    await trx.updateTable('open311_requests').set({ device_id: null, account_id: null, title: null }).where('report_id', 'in', ids).execute();
    // Their comments sent through an Open311 app (servicerequestupdates): the text and photo link go.
    await trx.updateTable('open311_comments').set({ description: '', media_url: null }).where('report_id', 'in', ids).execute();
    await scrubReports(trx, subject, ids);
    // The photos of the fix on their reports, originals and the approved public variant (store/photos.ts), and the
    // answers' links to them (the reporter's, an external party's).
    await deletePhotosOfReports(trx, ids);
    await dropAnswerPhotoLinks(trx, ids);
  }
  return { reports: found.reportIds.length, reporters: reporterIds.length, messages: found.messages.length, responses };
}

/** Descriptions and event payloads of the reports: the address and number out, the citizens' comments gone. */
async function scrubReports(trx: Kysely<DB>, subject: PrivacySubject, reportIds: string[]): Promise<void> {
  const reports = await trx.selectFrom('reports').select(['id', 'description']).where('id', 'in', reportIds).execute();
  for (const report of reports) {
    const description = scrubSubject(report.description, subject);
    if (description !== report.description) await trx.updateTable('reports').set({ description }).where('id', '=', report.id).execute();
  }
  const events = await trx.selectFrom('events').select(['seq', 'type', 'payload']).where('report_id', 'in', reportIds).execute();
  for (const event of events) {
    const payload = JSON.parse(event.payload) as { report?: { description?: string }; to?: string; note?: string | null; comment?: string | null };
    if (payload.report?.description !== undefined) payload.report.description = scrubSubject(payload.report.description, subject);
    if (event.type === 'report.transitioned' && payload.to === 'reopen_requested' && payload.note) payload.note = null;
    if (event.type === 'report.citizen_response' && payload.comment) payload.comment = null;
    if (event.type === 'report.question' && (payload as { step?: string }).step === 'answered') {
      payload.note = null;
      const question = (payload as { question?: { answer?: string | null; answerPhotoId?: string | null } }).question;
      if (question) {
        question.answer = null;
        // The photo is deleted with the report's photos: no id that points nowhere.
        if (question.answerPhotoId) question.answerPhotoId = null;
      }
    }
    const rewritten = JSON.stringify(payload);
    if (rewritten !== event.payload) await trx.updateTable('events').set({ payload: rewritten }).where('seq', '=', event.seq).execute();
  }
}
