import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import gazetteerData from '../../resources/gazetteer-den-haag.json' with { type: 'json' };
import { commandText } from '../domain/command-texts';
import { type Gazetteer, lookupPlace } from '../domain/gazetteer';
import { CsvFormatError, mappingErrors, mapRows, readCsv } from '../domain/signal-import';
import type { User } from '../protocol/auth';
import { type Signal, SignalImportBody, type SignalImportResult, SignalWebhookBody } from '../protocol/intake';
import type { DB, SignalRow } from '../store/schema';
import { existingExternalIds, getSignalByExternalId, insertSignals, rowToSignal } from '../store/signals';
import type { HubDeps } from './context';
import { CommandError } from './errors';
import { admit, systemCommand, userCommand } from './run-command';

export const DEN_HAAG_GAZETTEER: Gazetteer = gazetteerData;

const MAX_REJECTED_LISTED = 1000;
const PREVIEW_ROWS = 10;

type SurveyTable = ReturnType<typeof readCsv>;
type SurveyRows = ReturnType<typeof mapRows>;

/** A survey CSV read and checked against its column mapping: the rows to store and the rows refused. */
interface Survey extends SurveyRows {
  body: z.output<typeof SignalImportBody>;
  table: SurveyTable;
}

function readSurvey(body: z.output<typeof SignalImportBody>, now: Date): Survey {
  let table: SurveyTable;
  try {
    table = readCsv(body.csv);
  } catch (err) {
    if (err instanceof CsvFormatError) throw new CommandError('validation', err.text, { csv: err.text });
    throw err;
  }
  const missingColumns = mappingErrors(table.header, body.mapping);
  if (Object.keys(missingColumns).length > 0) {
    throw new CommandError('validation', commandText('command.import.mapping_incomplete'), missingColumns);
  }
  return { body, table, ...mapRows(table, body.mapping, { now }) };
}

/** Splits the valid rows into new ones and ones whose id (mapping.externalId) is already stored. */
async function splitKnown(db: Kysely<DB>, valid: SurveyRows['valid']) {
  const known = await existingExternalIds(db, 'survey', valid.flatMap((r) => (r.externalId ? [r.externalId] : [])));
  const fresh = valid.filter((r) => !r.externalId || !known.has(r.externalId));
  const alreadyImported = valid
    .filter((r) => r.externalId && known.has(r.externalId))
    .map((r) => {
      const text = commandText('command.import.already_imported', { id: r.externalId ?? '' });
      return { row: r.row, line: r.line, errors: { externalId: text.message }, errorTexts: { externalId: text } };
    });
  return { fresh, alreadyImported };
}

function importResult(survey: Survey, split: Awaited<ReturnType<typeof splitKnown>>, imported: number, batchId: string | null): SignalImportResult {
  const allRejected = [...survey.rejected, ...split.alreadyImported].sort((a, b) => a.row - b.row);
  return {
    dryRun: survey.body.dryRun,
    imported,
    valid: split.fresh.length,
    rejectedCount: allRejected.length,
    rejected: allRejected.slice(0, MAX_REJECTED_LISTED),
    preview: split.fresh.slice(0, PREVIEW_ROWS),
    columns: survey.table.header,
    delimiter: survey.table.delimiter,
    batchId,
  };
}

/** Validates and previews a survey import without writing. */
async function dryRun(db: Kysely<DB>, survey: Survey): Promise<SignalImportResult> {
  return importResult({ ...survey, body: { ...survey.body, dryRun: true } }, await splitKnown(db, survey.valid), 0, null);
}

/**
 * Imports resident-survey results from CSV. Every row is validated (before the write transaction);
 * bad rows are reported and skipped, the good ones are stored in ONE transaction with a
 * `signals.changed` event (all or nothing). With `dryRun` it validates and previews without writing.
 * Rows whose id (mapping.externalId) is already stored are reported, not imported twice.
 */
export const importSignals = userCommand({
  name: 'signals.import',
  access: 'signals.import',
  input: SignalImportBody,
  log: { message: 'survey signals imported', fields: (r: SignalImportResult) => ({ batchId: r.batchId, imported: r.imported, rejected: r.rejectedCount }) },
  prepare: (deps, body) => readSurvey(body, deps.clock()),
  async apply(tx, survey, user): Promise<SignalImportResult> {
    if (survey.body.dryRun) return dryRun(tx.trx, survey);
    // Inside the transaction (which holds the event-log lock): no concurrent import slips in between.
    const split = await splitKnown(tx.trx, survey.valid);
    if (split.fresh.length === 0) return importResult(survey, split, 0, null);
    const batchId = randomUUID();
    const rows: SignalRow[] = split.fresh.map((r) => ({
      id: randomUUID(),
      source: 'survey',
      channel: survey.body.survey ?? null,
      text: r.text,
      lat: r.lat,
      lng: r.lng,
      place: r.place,
      url: null,
      occurred_at: r.occurredAt,
      imported_at: tx.at,
      batch_id: batchId,
      external_id: r.externalId,
      created_by: user.id,
    }));
    await insertSignals(tx.trx, rows);
    await tx.emit(() => ({ type: 'signals.changed' as const, at: tx.at, actorId: user.id, count: rows.length }));
    return importResult(survey, split, rows.length, batchId);
  },
});

/** The import's dry run, for the preview route: same checks, nothing written. */
export async function previewSignalImport(deps: HubDeps, user: User, raw: unknown): Promise<SignalImportResult> {
  const body = admit(importSignals, user, raw);
  return dryRun(deps.store.db, readSurvey(body, deps.clock()));
}

/**
 * A social-media post from the webhook. Without coordinates, a place name from the built-in
 * gazetteer gives the neighbourhood's centre; an unknown place is refused (no geocoding here).
 * A post whose id was delivered before is not stored again.
 */
export const receiveSocialSignal = systemCommand({
  name: 'signals.webhook',
  input: SignalWebhookBody,
  // A post without a place we know is refused before the write lock, and so is one delivered before.
  prepare: (_deps, body) => ({ body, place: placeOf(body, DEN_HAAG_GAZETTEER) }),
  async answerWithoutWriting(deps, { body }) {
    const existing = body.id ? await getSignalByExternalId(deps.store.db, 'social', body.id) : undefined;
    return existing ? { signal: existing, created: false } : undefined;
  },
  async apply(tx, { body, place }): Promise<{ signal: Signal; created: boolean }> {
    // Checked again under the event-log lock: two deliveries of the same post race here.
    const existing = body.id ? await getSignalByExternalId(tx.trx, 'social', body.id) : undefined;
    if (existing) return { signal: existing, created: false };
    const row: SignalRow = {
      id: randomUUID(),
      source: 'social',
      channel: body.source,
      text: body.text,
      lat: place.lat,
      lng: place.lng,
      place: body.place ?? null,
      url: body.url ?? null,
      occurred_at: new Date(body.time).toISOString(),
      imported_at: tx.at,
      batch_id: null,
      external_id: body.id ?? null,
      created_by: null,
    };
    await insertSignals(tx.trx, [row]);
    await tx.emit(() => ({ type: 'signals.changed' as const, at: tx.at, actorId: null, count: 1 }));
    return { signal: rowToSignal(row), created: true };
  },
});

function placeOf(body: SignalWebhookBody, gazetteer: Gazetteer): { lat: number; lng: number } {
  if (body.lat !== undefined && body.lng !== undefined) return { lat: body.lat, lng: body.lng };
  if (!body.place) {
    const missing = commandText('command.signal.location_missing');
    throw new CommandError('validation', commandText('command.signal.location_required'), { lat: missing, place: missing });
  }
  const known = lookupPlace(gazetteer, body.place);
  if (!known) {
    const text = commandText('command.signal.place_unknown', { place: body.place });
    throw new CommandError('validation', text, { place: text });
  }
  return { lat: known.lat, lng: known.lng };
}
