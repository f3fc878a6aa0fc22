import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type CitizenView, citizenView } from '../domain/citizen-view';
import type { HubEvent } from '../protocol/events';
import { CitizenResponseBody } from '../protocol/lifecycle-api';
import type { Report } from '../protocol/report';
import { getCategory } from '../store/categories';
import { insertEvent, nextSeq } from '../store/events';
import { getReport } from '../store/reports';
import type { DB } from '../store/schema';
import { reportTimeline } from '../store/timeline';
import type { HubDeps } from './context';
import { CommandError } from './errors';
import { focusAreaTextAt } from './focus-explanation';
import { transitionReport } from './lifecycle';
import { parseOrThrow } from './validate';

export async function reportIdForToken(db: Kysely<DB>, token: string): Promise<string | undefined> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return undefined;
  const row = await db.selectFrom('reports').select('id').where('citizen_token', '=', token).executeTakeFirst();
  return row?.id;
}

/** Looks up by report number and short code; the same answer for a wrong number and a wrong code. */
export async function tokenForNumberAndCode(db: Kysely<DB>, number: string, code: string): Promise<string | undefined> {
  const match = /^M-?(\d{1,9})$/i.exec(number.trim());
  if (!match) return undefined;
  const row = await db
    .selectFrom('reports')
    .select(['citizen_token', 'citizen_code'])
    .where('number', '=', Number(match[1]))
    .executeTakeFirst();
  if (!row?.citizen_code || row.citizen_code !== code.trim().toUpperCase()) return undefined;
  return row.citizen_token ?? undefined;
}

async function answeredSinceClose(db: Kysely<DB>, report: Report): Promise<boolean> {
  const row = await db
    .selectFrom('citizen_responses')
    .select('id')
    .where('report_id', '=', report.id)
    .where('created_at', '>=', report.updatedAt)
    .executeTakeFirst();
  return row !== undefined;
}

export async function loadCitizenView(db: Kysely<DB>, reportId: string): Promise<CitizenView> {
  const report = await getReport(db, reportId);
  if (!report) throw new CommandError('not_found', 'Melding niet gevonden');
  const category = await getCategory(db, report.category);
  // While the focus area is active, the citizen sees why we enforce extra around their report.
  const focusText = await focusAreaTextAt(db, report, new Date());
  return citizenView(report, category?.nameNl ?? report.category, await reportTimeline(db, reportId), await answeredSinceClose(db, report), focusText);
}

/** "Is uw melding naar tevredenheid opgelost?" — "nee" asks the shift lead to reopen. */
export async function recordCitizenResponse(deps: HubDeps, reportId: string, raw: unknown): Promise<void> {
  const body = parseOrThrow(CitizenResponseBody, raw);
  const report = await getReport(deps.store.db, reportId);
  if (!report) throw new CommandError('not_found', 'Melding niet gevonden');
  if (report.status !== 'closed') throw new CommandError('conflict', 'Deze melding is nog niet afgesloten.');
  if (await answeredSinceClose(deps.store.db, report)) throw new CommandError('conflict', 'U heeft deze vraag al beantwoord.');
  const at = deps.clock().toISOString();
  await deps.store.db
    .insertInto('citizen_responses')
    .values({ id: randomUUID(), report_id: reportId, satisfied: body.satisfied ? 1 : 0, comment: body.comment ?? null, created_at: at })
    .execute();
  if (!body.satisfied) {
    await transitionReport(deps, { kind: 'citizen', id: null }, reportId, { to: 'reopen_requested' }, body.comment);
    return;
  }
  const event = await deps.store.writeTransaction(async (trx) => {
    const seq = await nextSeq(trx);
    await trx.updateTable('reports').set({ version: seq }).where('id', '=', reportId).execute();
    const current = await getReport(trx, reportId);
    if (!current) throw new Error('report vanished');
    const e: HubEvent = { seq, at, actorId: null, type: 'report.citizen_response', report: current, satisfied: true, comment: body.comment ?? null };
    await insertEvent(trx, e, reportId);
    return e;
  });
  deps.publisher.publish(event);
}
