import { randomUUID } from 'node:crypto';
import gazetteerData from '../../resources/gazetteer-den-haag.json' with { type: 'json' };
import { type Gazetteer, lookupPlace } from '../domain/gazetteer';
import { CsvFormatError, checkMapping, mapRows, readCsv } from '../domain/signal-import';
import type { HubEvent } from '../protocol/events';
import { type Signal, SignalImportBody, type SignalImportResult, SignalWebhookBody } from '../protocol/intake';
import { insertEvent, nextSeq } from '../store/events';
import type { SignalRow } from '../store/schema';
import { existingExternalIds, getSignalByExternalId, insertSignals, rowToSignal } from '../store/signals';
import type { CommandContext, HubDeps } from './context';
import { CommandError } from './errors';
import { parseOrThrow } from './validate';

export const DEN_HAAG_GAZETTEER: Gazetteer = gazetteerData;

const MAX_REJECTED_LISTED = 1000;
const PREVIEW_ROWS = 10;

/**
 * Imports resident-survey results from CSV. Every row is validated; bad rows are reported and
 * skipped, the good ones are stored in ONE transaction with a `signals.changed` event (all or
 * nothing). A dry run validates and previews without writing. Rows whose id (mapping.externalId)
 * is already stored are reported, not imported twice.
 */
export async function importSignals(ctx: CommandContext, raw: unknown, options: { dryRun?: boolean } = {}): Promise<SignalImportResult> {
  const body = parseOrThrow(SignalImportBody, raw);
  const dryRun = options.dryRun ?? body.dryRun;
  let table: ReturnType<typeof readCsv>;
  try {
    table = readCsv(body.csv);
  } catch (err) {
    if (err instanceof CsvFormatError) throw new CommandError('validation', err.message, { csv: err.message });
    throw err;
  }
  const mappingErrors = checkMapping(table.header, body.mapping);
  if (Object.keys(mappingErrors).length > 0) {
    throw new CommandError('validation', 'Niet elke gekozen kolom staat in het bestand', mappingErrors);
  }
  const now = ctx.clock();
  const { valid, rejected } = mapRows(table, body.mapping, { now });

  const result = (imported: number, rows: typeof valid, batchId: string | null, extraRejected: typeof rejected = []): SignalImportResult => {
    const allRejected = [...rejected, ...extraRejected].sort((a, b) => a.row - b.row);
    return {
      dryRun,
      imported,
      valid: rows.length,
      rejectedCount: allRejected.length,
      rejected: allRejected.slice(0, MAX_REJECTED_LISTED),
      preview: rows.slice(0, PREVIEW_ROWS),
      columns: table.header,
      delimiter: table.delimiter,
      batchId,
    };
  };

  if (dryRun) {
    const known = await existingExternalIds(ctx.store.db, 'survey', valid.flatMap((r) => (r.externalId ? [r.externalId] : [])));
    const fresh = valid.filter((r) => !r.externalId || !known.has(r.externalId));
    return result(0, fresh, null, alreadyImported(valid, known));
  }

  const batchId = randomUUID();
  const outcome = await ctx.store.writeTransaction(async (trx) => {
    // Inside the transaction (which holds the event-log lock): no concurrent import slips in between.
    const known = await existingExternalIds(trx, 'survey', valid.flatMap((r) => (r.externalId ? [r.externalId] : [])));
    const fresh = valid.filter((r) => !r.externalId || !known.has(r.externalId));
    const at = now.toISOString();
    const rows: SignalRow[] = fresh.map((r) => ({
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
      created_by: ctx.actor.id,
    }));
    let event: HubEvent | null = null;
    if (rows.length > 0) {
      await insertSignals(trx, rows);
      event = { seq: await nextSeq(trx), type: 'signals.changed', at, actorId: ctx.actor.id, count: rows.length };
      await insertEvent(trx, event, null);
    }
    return { fresh, known, event };
  });
  if (outcome.event) ctx.publisher.publish(outcome.event);
  ctx.log.info({ batchId, imported: outcome.fresh.length, rejected: rejected.length }, 'survey signals imported');
  return result(outcome.fresh.length, outcome.fresh, outcome.fresh.length > 0 ? batchId : null, alreadyImported(valid, outcome.known));
}

function alreadyImported(valid: { row: number; line: number; externalId: string | null }[], known: Set<string>) {
  return valid
    .filter((r) => r.externalId && known.has(r.externalId))
    .map((r) => ({ row: r.row, line: r.line, errors: { externalId: `Id "${r.externalId}" is al eerder geïmporteerd` } }));
}

/**
 * A social-media post from the webhook. Without coordinates, a place name from the built-in
 * gazetteer gives the neighbourhood's centre; an unknown place is refused (no geocoding here).
 * A post whose id was delivered before is not stored again.
 */
export async function receiveSocialSignal(deps: HubDeps, raw: unknown, gazetteer: Gazetteer = DEN_HAAG_GAZETTEER): Promise<{ signal: Signal; created: boolean }> {
  const body = parseOrThrow(SignalWebhookBody, raw);
  let lat = body.lat;
  let lng = body.lng;
  if (lat === undefined || lng === undefined) {
    if (!body.place) {
      throw new CommandError('validation', 'Geef een locatie (lat en lng) of een plaatsnaam', { lat: 'Locatie ontbreekt', place: 'Locatie ontbreekt' });
    }
    const known = lookupPlace(gazetteer, body.place);
    if (!known) {
      const message = `Plaats "${body.place}" is onbekend; stuur lat en lng mee (alleen wijken van Den Haag worden herkend)`;
      throw new CommandError('validation', message, { place: message });
    }
    lat = known.lat;
    lng = known.lng;
  }
  if (body.id) {
    const existing = await getSignalByExternalId(deps.store.db, 'social', body.id);
    if (existing) return { signal: existing, created: false };
  }
  const at = deps.clock().toISOString();
  const row: SignalRow = {
    id: randomUUID(),
    source: 'social',
    channel: body.source,
    text: body.text,
    lat,
    lng,
    place: body.place ?? null,
    url: body.url ?? null,
    occurred_at: new Date(body.time).toISOString(),
    imported_at: at,
    batch_id: null,
    external_id: body.id ?? null,
    created_by: null,
  };
  const outcome = await deps.store.writeTransaction(async (trx) => {
    // Re-checked under the event-log lock: two deliveries of the same post race here.
    if (body.id) {
      const existing = await getSignalByExternalId(trx, 'social', body.id);
      if (existing) return { signal: existing, event: null };
    }
    await insertSignals(trx, [row]);
    const event: HubEvent = { seq: await nextSeq(trx), type: 'signals.changed', at, actorId: null, count: 1 };
    await insertEvent(trx, event, null);
    return { signal: rowToSignal(row), event };
  });
  if (outcome.event) deps.publisher.publish(outcome.event);
  return { signal: outcome.signal, created: outcome.event !== null };
}
