import { z } from 'zod';
import { commandText } from '../domain/command-texts';
import { isAllowed } from '../domain/permissions';
import {
  boxAround,
  contextText,
  NEARBY_LIMIT,
  NEARBY_RADIUS_M,
  NEARBY_DAYS,
  NOTE_MAX_DAYS,
  NOTE_RADIUS_DEFAULT_M,
  NOTE_RADIUS_MAX_M,
  nearbySince,
  noteCovers,
  noteExpiryProblem,
  withinRadius,
} from '../domain/report-context';
import type { User } from '../protocol/auth';
import { EntityId } from '../protocol/common';
import type { ReportStatus } from '../protocol/report';
import { type AddressNote, NewAddressNote, type ReportContext } from '../protocol/report-context';
import { assignmentsOfReport } from '../store/assignments';
import { deleteExpiredNotes, deleteValidNote, insertAddressNote, reporterHistoryOf, reportsInBoxSince, validNotesInBox } from '../store/report-context';
import type { HubDeps } from './context';
import { ownUnitId } from './dispatch';
import { CommandError } from './errors';
import { runCommand, systemCommand, userCommand } from './run-command';
import { requireReport } from './unit-events';

/**
 * A report's context (issue 13 point 9): nearby reports, the reporter's history (counts only, for the roles
 * that may read reporter data), and the address notes covering its point. Notes are written by the desk.
 */

/** The valid notes whose circle covers the point. */
export async function notesAt(deps: HubDeps, point: { lat: number; lng: number }): Promise<AddressNote[]> {
  const candidates = await validNotesInBox(deps.store.db, boxAround(point, NOTE_RADIUS_MAX_M), deps.clock().toISOString());
  return candidates.filter((note) => noteCovers(note, point));
}

export async function reportContext(deps: HubDeps, user: User, reportId: string): Promise<ReportContext> {
  const { db } = deps.store;
  const report = await requireReport(db, reportId);
  const now = deps.clock();
  const rows = await reportsInBoxSince(db, { box: boxAround(report, NEARBY_RADIUS_M), since: nearbySince(now), excludeId: report.id, limit: 500 });
  const nearby = withinRadius(report, rows, NEARBY_RADIUS_M)
    .slice(0, NEARBY_LIMIT)
    .map(({ item, distanceMeters }) => ({
      id: item.id,
      number: item.number,
      category: item.category,
      status: item.status as ReportStatus,
      address: item.address,
      createdAt: item.created_at,
      distanceMeters: Math.round(distanceMeters),
    }));
  // Reporter data is for the roles that call citizens back; the counts name nobody, but still say who reports what.
  const reporterHistory = isAllowed('contacts.read', user.role) ? await reporterHistoryOf(db, report.id) : null;
  return { radiusMeters: NEARBY_RADIUS_M, periodDays: NEARBY_DAYS, nearby, reporterHistory, notes: await notesAt(deps, report) };
}

/** The notes on a report a field unit works on (offered or accepted): officer safety ("hond aanwezig"). */
export async function fieldReportNotes(deps: HubDeps, user: User, reportId: string): Promise<AddressNote[]> {
  const unitId = ownUnitId(user);
  const mine = (await assignmentsOfReport(deps.store.db, reportId)).some((a) => a.unitId === unitId && (a.state === 'offered' || a.state === 'accepted'));
  if (!mine) throw new CommandError('forbidden', commandText('command.access.not_assigned'));
  return notesAt(deps, await requireReport(deps.store.db, reportId));
}

export const createAddressNote = userCommand({
  name: 'address_note.create',
  access: 'address_notes.write',
  input: NewAddressNote,
  log: { message: 'address note written', fields: (note: AddressNote) => ({ noteId: note.id, expiresAt: note.expiresAt }) },
  async apply(tx, input, user): Promise<AddressNote> {
    const problem = noteExpiryProblem(input.expiresAt, tx.now);
    if (problem) {
      const text = contextText(problem, { days: NOTE_MAX_DAYS });
      throw new CommandError('validation', text, { expiresAt: text });
    }
    return insertAddressNote(tx.trx, {
      lat: input.lat,
      lng: input.lng,
      radiusMeters: input.radiusMeters ?? NOTE_RADIUS_DEFAULT_M,
      label: input.label || null,
      text: input.text,
      expiresAt: new Date(input.expiresAt).toISOString(),
      by: user.id,
      at: tx.at,
    });
  },
});

export const deleteAddressNote = userCommand({
  name: 'address_note.delete',
  access: 'address_notes.write',
  input: z.object({ id: EntityId }),
  async apply(tx, { id }): Promise<AddressNote> {
    const note = await deleteValidNote(tx.trx, id, tx.at);
    if (!note) throw new CommandError('not_found', contextText('context.note.not_found'));
    return note;
  },
});

const deleteExpiredBatch = systemCommand({
  name: 'retention.address_notes',
  input: z.object({ limit: z.number().int().positive() }),
  apply: (tx, { limit }) => deleteExpiredNotes(tx.trx, tx.at, limit),
});

/** The retention job's step: deletes every expired note, in batches; returns how many. */
export async function deleteExpiredAddressNotes(deps: HubDeps, batchSize = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const count = await runCommand(deps, deleteExpiredBatch, 'system', { limit: batchSize });
    total += count;
    if (count < batchSize) return total;
  }
}
