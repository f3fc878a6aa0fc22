import { randomUUID } from 'node:crypto';
import gazetteerData from '../../resources/gazetteer-den-haag.json' with { type: 'json' };
import { commandText } from '../domain/command-texts';
import { type Gazetteer, lookupPlace } from '../domain/gazetteer';
import { type Signal, SignalWebhookBody } from '../protocol/intake';
import type { SignalRow } from '../store/schema';
import { getSignalByExternalId, insertSignals, rowToSignal } from '../store/signals';
import { CommandError } from './errors';
import { systemCommand } from './run-command';

export const DEN_HAAG_GAZETTEER: Gazetteer = gazetteerData;

/** Survey imports (CSV) are commands/survey-import.ts. */

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
