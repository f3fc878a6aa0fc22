import { randomUUID } from 'node:crypto';
import type { Generated, Kysely } from 'kysely';
import type { ReporterQuestion } from '../protocol/reporter-question';
import type { DB } from './schema';

/** Questions to the reporter (migration 0026, domain/reporter-question.ts). */
export interface ReporterQuestionTable {
  id: string;
  report_id: string;
  question: string;
  channel: string;
  asked_by: string | null;
  asked_at: string;
  due_at: string;
  answer: string | null;
  answer_photo_id: string | null;
  ended_at: string | null;
  /** 'answered' | 'expired'; null while open. */
  end_reason: string | null;
}

declare module './schema' {
  interface DB {
    reporter_questions: ReporterQuestionTable;
  }
  interface ReportTable {
    /** "Wacht op reactie": when the open question to the reporter was asked (migration 0026); null: not waiting. */
    awaiting_reply_since: Generated<string | null>;
  }
}

type Row = ReporterQuestionTable;

function toQuestion(row: Row): ReporterQuestion {
  return {
    id: row.id,
    reportId: row.report_id,
    question: row.question,
    channel: row.channel === 'sms' ? 'sms' : 'email',
    askedAt: row.asked_at,
    askedBy: row.asked_by,
    dueAt: row.due_at,
    state: row.ended_at === null ? 'open' : row.end_reason === 'answered' ? 'answered' : 'expired',
    answer: row.answer,
    answerPhotoId: row.answer_photo_id,
    endedAt: row.ended_at,
  };
}

export async function insertQuestion(
  trx: Kysely<DB>,
  q: { reportId: string; question: string; channel: 'email' | 'sms'; askedBy: string; at: string; dueAt: string },
): Promise<ReporterQuestion> {
  const row: Row = {
    id: randomUUID(),
    report_id: q.reportId,
    question: q.question,
    channel: q.channel,
    asked_by: q.askedBy,
    asked_at: q.at,
    due_at: q.dueAt,
    answer: null,
    answer_photo_id: null,
    ended_at: null,
    end_reason: null,
  };
  await trx.insertInto('reporter_questions').values(row).execute();
  await trx.updateTable('reports').set({ awaiting_reply_since: q.at }).where('id', '=', q.reportId).execute();
  return toQuestion(row);
}

export async function openQuestionOf(db: Kysely<DB>, reportId: string): Promise<ReporterQuestion | undefined> {
  const row = await db.selectFrom('reporter_questions').selectAll().where('report_id', '=', reportId).where('ended_at', 'is', null).executeTakeFirst();
  return row ? toQuestion(row) : undefined;
}

export async function getQuestion(db: Kysely<DB>, id: string): Promise<ReporterQuestion | undefined> {
  const row = await db.selectFrom('reporter_questions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toQuestion(row) : undefined;
}

export async function questionsOf(db: Kysely<DB>, reportId: string): Promise<ReporterQuestion[]> {
  const rows = await db.selectFrom('reporter_questions').selectAll().where('report_id', '=', reportId).orderBy('asked_at').orderBy('id').execute();
  return rows.map(toQuestion);
}

/**
 * Ends an open question (answered, expired or ended by the report's closing) and drops the report's flag: a conditional UPDATE that only succeeds
 * while the question is still open, so of two nodes (or an answer racing the sweeper) exactly one ends it.
 */
export async function endQuestion(
  trx: Kysely<DB>,
  id: string,
  /** `closed`: the report was closed while the question was open (it reads as expired). */
  end: { reason: 'answered' | 'expired' | 'closed'; at: string; answer?: string | null; photoId?: string | null },
): Promise<ReporterQuestion | undefined> {
  const result = await trx
    .updateTable('reporter_questions')
    .set({ ended_at: end.at, end_reason: end.reason, answer: end.answer ?? null, answer_photo_id: end.photoId ?? null })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  const question = await getQuestion(trx, id);
  if (question) await trx.updateTable('reports').set({ awaiting_reply_since: null }).where('id', '=', question.reportId).execute();
  return question;
}

/** Open questions whose answer time ran out at `now` (read-only pass of the sweeper; each is decided again under the lock). */
export async function dueQuestionIds(db: Kysely<DB>, now: string, limit = 200): Promise<string[]> {
  const rows = await db
    .selectFrom('reporter_questions')
    .select('id')
    .where('ended_at', 'is', null)
    .where('due_at', '<=', now)
    .orderBy('due_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Moves the report's deadline and at-risk moment (the paused clock). */
export async function setSlaTimes(trx: Kysely<DB>, reportId: string, deadline: string, atRiskFrom: string): Promise<void> {
  await trx.updateTable('reports').set({ sla_deadline: deadline, sla_at_risk_from: atRiskFrom }).where('id', '=', reportId).execute();
}
