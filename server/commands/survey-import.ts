import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { commandText } from '../domain/command-texts';
import { textMaker } from '../domain/domain-text';
import { SIGNAL_IMPORT_TEXTS } from '../domain/signal-import-texts';
import type { User } from '../protocol/auth';
import { type RejectedRow, SignalImportBody, type SignalImportResult, type SignalPreviewRow } from '../protocol/intake';
import type { DB } from '../store/schema';
import {
  abandonedSignalBatches,
  completeSignalBatch,
  discardSignalBatch,
  isUniqueViolation,
  openSignalBatch,
  stageSignals,
} from '../store/signal-batches';
import { existingExternalIds } from '../store/signals';
import { chunkRows, MAX_REJECTED_LISTED, type ParsedSurvey } from '../workers/survey-parse';
import { surveyParser } from '../workers/survey-parser';
import type { HubDeps } from './context';
import { CommandError } from './errors';
import { admit, userCommand } from './run-command';

const PREVIEW_ROWS = 10;
/** A pending batch whose import has not written for this long is abandoned (its hub died): removed by the next import. */
const ABANDONED_AFTER_MS = 60_000;
const say = textMaker(SIGNAL_IMPORT_TEXTS);

type Body = z.output<typeof SignalImportBody>;

/** Reads the CSV on the worker thread (survey-parser.ts): the hub's event loop stays free meanwhile. */
async function readSurvey(body: Body, now: Date): Promise<ParsedSurvey> {
  const outcome = await surveyParser.parse({ csv: body.csv, mapping: body.mapping, now: now.toISOString() });
  if (outcome.ok) return outcome.survey;
  if ('format' in outcome) throw new CommandError('validation', outcome.format, { csv: outcome.format });
  throw new CommandError('validation', commandText('command.import.mapping_incomplete'), outcome.mapping);
}

/** The survey's valid rows checked against the store, chunk by chunk: which are new, which were imported before. */
interface Walk {
  fresh: number;
  preview: SignalPreviewRow[];
  alreadyImported: RejectedRow[];
  alreadyImportedCount: number;
}

/**
 * Goes through the valid rows a chunk at a time (one chunk's JSON parsed, one look-up of its ids, `write` with
 * its new rows), giving the event loop back between chunks: no step holds up other requests for long.
 */
async function walkSurvey(db: Kysely<DB>, survey: ParsedSurvey, write?: (fresh: SignalPreviewRow[]) => Promise<void>): Promise<Walk> {
  const walk: Walk = { fresh: 0, preview: [], alreadyImported: [], alreadyImportedCount: 0 };
  for (let i = 0; i < survey.chunks.length; i++) {
    const rows = chunkRows(survey, i);
    const known = await existingExternalIds(db, 'survey', rows.flatMap((r) => (r.externalId ? [r.externalId] : [])));
    const fresh: SignalPreviewRow[] = [];
    for (const r of rows) {
      if (r.externalId === null || !known.has(r.externalId)) {
        fresh.push(r);
        continue;
      }
      walk.alreadyImportedCount++;
      if (walk.alreadyImported.length >= MAX_REJECTED_LISTED) continue;
      const text = commandText('command.import.already_imported', { id: r.externalId });
      walk.alreadyImported.push({ row: r.row, line: r.line, errors: { externalId: text.message }, errorTexts: { externalId: text } });
    }
    walk.fresh += fresh.length;
    if (walk.preview.length < PREVIEW_ROWS) walk.preview.push(...fresh.slice(0, PREVIEW_ROWS - walk.preview.length));
    if (write && fresh.length > 0) await write(fresh);
    await yieldToEventLoop();
  }
  return walk;
}

function importResult(survey: ParsedSurvey, walk: Walk, dryRun: boolean, imported: number, batchId: string | null): SignalImportResult {
  return {
    dryRun,
    imported,
    valid: walk.fresh,
    rejectedCount: survey.rejectedCount + walk.alreadyImportedCount,
    // The first of each list, merged in row order.
    rejected: [...survey.rejected, ...walk.alreadyImported].sort((a, b) => a.row - b.row).slice(0, MAX_REJECTED_LISTED),
    preview: walk.preview,
    columns: survey.header,
    delimiter: survey.delimiter,
    batchId,
  };
}

/** Removes what imports that died mid-way left behind (their rows were never visible). */
async function discardAbandoned(deps: HubDeps, now: Date): Promise<void> {
  for (const id of await abandonedSignalBatches(deps.store.db, new Date(now.getTime() - ABANDONED_AFTER_MS).toISOString())) {
    await discardSignalBatch(deps.store.db, id);
    deps.log.warn({ batchId: id }, 'survey import: rows of an abandoned import removed');
  }
}

/**
 * Writes the new rows under a pending batch, a chunk per statement with the event loop free in between (other
 * requests, socket events and writes go first): invisible until the command's transaction marks the batch done.
 * A failure removes what was written.
 */
async function stageSurvey(deps: HubDeps, body: Body, survey: ParsedSurvey, user: User): Promise<{ walk: Walk; batchId: string | null }> {
  const db = deps.store.db;
  const batchId = randomUUID();
  const at = deps.clock().toISOString();
  await discardAbandoned(deps, deps.clock());
  await openSignalBatch(db, { id: batchId, source: 'survey', createdBy: user.id, at });
  const write = (fresh: SignalPreviewRow[]) =>
    stageSignals(
      db,
      batchId,
      fresh.map((r) => ({
        id: randomUUID(),
        source: 'survey',
        channel: body.survey ?? null,
        text: r.text,
        lat: r.lat,
        lng: r.lng,
        place: r.place,
        url: null,
        occurred_at: r.occurredAt,
        imported_at: at,
        batch_id: batchId,
        external_id: r.externalId,
        created_by: user.id,
      })),
      deps.clock().toISOString(),
    );
  try {
    const walk = await walkSurvey(db, survey, write);
    if (walk.fresh > 0) return { walk, batchId };
    await discardSignalBatch(db, batchId);
    return { walk, batchId: null };
  } catch (err) {
    await discardSignalBatch(db, batchId).catch((cleanup) => deps.log.error({ err: cleanup, batchId }, 'survey import: staged rows not removed'));
    if (isUniqueViolation(err)) throw new CommandError('conflict', say('import.file.in_progress'));
    throw err;
  }
}

type Prepared = { body: Body; survey: ParsedSurvey; walk: Walk; batchId: string | null };

/**
 * Imports resident-survey results from CSV (issue 10, point 5: a 50,000-row file holds up nothing else). The
 * file is read and every row checked on a worker thread; bad rows are reported and skipped; rows whose id
 * (mapping.externalId) is already stored are reported, not imported twice. The good rows are written in
 * stages under a pending batch (prepare), then shown all at once with a `signals.changed` event in ONE short
 * write transaction (apply): all or nothing to every reader. With `dryRun` it checks and previews without writing
 * (the route answers a dry run with `previewSignalImport`, before any of this).
 */
export const importSignals = userCommand({
  name: 'signals.import',
  access: 'signals.import',
  input: SignalImportBody,
  log: { message: 'survey signals imported', fields: (r: SignalImportResult) => ({ batchId: r.batchId, imported: r.imported, rejected: r.rejectedCount }) },
  async prepare(deps, body, user): Promise<Prepared> {
    const survey = await readSurvey(body, deps.clock());
    if (body.dryRun || survey.validCount === 0) return { body, survey, walk: await walkSurvey(deps.store.db, survey), batchId: null };
    return { body, survey, ...(await stageSurvey(deps, body, survey, user)) };
  },
  // Nothing new to show (a dry run, or every row refused or imported before): answered without the write lock.
  answerWithoutWriting: async (_deps, { body, survey, walk, batchId }) => (batchId === null ? importResult(survey, walk, body.dryRun, 0, null) : undefined),
  async apply(tx, { survey, walk, batchId }, user): Promise<SignalImportResult> {
    if (batchId === null || !(await completeSignalBatch(tx.trx, batchId, walk.fresh, tx.at))) {
      throw new CommandError('conflict', say('import.file.interrupted'));
    }
    await tx.emit(() => ({ type: 'signals.changed' as const, at: tx.at, actorId: user.id, count: walk.fresh }));
    return importResult(survey, walk, false, walk.fresh, batchId);
  },
});

/** The import's dry run, for the preview route: same checks, nothing written. */
export async function previewSignalImport(deps: HubDeps, user: User, raw: unknown): Promise<SignalImportResult> {
  const body = admit(importSignals, user, raw);
  const survey = await readSurvey(body, deps.clock());
  return importResult(survey, await walkSurvey(deps.store.db, survey), true, 0, null);
}
