import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { DISPATCH_TEXTS } from '../domain/dispatch-texts';
import { textMaker } from '../domain/domain-text';
import { pointInPolygon } from '../domain/geo';
import { matchRunCard, minuteOfDay } from '../domain/run-cards';
import { DEFAULT_TIME_ZONE } from '../domain/sla';
import type { Report } from '../protocol/report';
import { type RunCard, RunCardFields } from '../protocol/run-cards';
import { getCategory } from '../store/categories';
import { deleteRunCard, insertRunCard, runCardsOfCategory, updateRunCard } from '../store/run-cards';
import type { DB } from '../store/schema';
import { activeFocusAreas, getFocusArea } from '../store/tasking';
import type { HubDeps } from './context';
import { CommandError } from './errors';
import { type CommandTx, userCommand } from './run-command';
import { commandText } from '../domain/command-texts';

/** Run cards: the shift lead keeps them; the hub finds a report's card for its priority, slots and auto-dispatch. */

const say = textMaker(DISPATCH_TEXTS);

/**
 * The card holding for a report (domain/run-cards.ts): its category, the active focus areas and the
 * neighbourhoods containing it, and the local time the report came in (a report keeps the card of its
 * hour, whenever it is offered).
 */
export async function runCardOf(
  db: Kysely<DB>,
  deps: Pick<HubDeps, 'neighbourhoods'>,
  report: Pick<Report, 'category' | 'lat' | 'lng' | 'createdAt'>,
  now: Date,
): Promise<RunCard | null> {
  const cards = await runCardsOfCategory(db, report.category);
  if (cards.length === 0) return null;
  const point = { lat: report.lat, lng: report.lng };
  const areas = cards.some((c) => c.area.kind === 'focus_area') ? await activeFocusAreas(db, now.toISOString()) : [];
  return matchRunCard(cards, {
    category: report.category,
    focusAreaIds: areas.filter((a) => pointInPolygon(point, a.polygon)).map((a) => a.id),
    neighbourhoodIds: (deps.neighbourhoods ?? []).filter((n) => n.polygons.some((p) => pointInPolygon(point, p))).map((n) => n.id),
    minuteOfDay: minuteOfDay(new Date(report.createdAt), DEFAULT_TIME_ZONE),
  });
}

/** A card for a category or an area the hub does not know would never hold: refused (coded, per field). */
async function checkKnown(tx: CommandTx, fields: RunCardFields): Promise<void> {
  if (!(await getCategory(tx.trx, fields.category))) {
    const text = commandText('command.category.unknown');
    throw new CommandError('validation', text, { category: text });
  }
  const { area } = fields;
  const known =
    area.kind === 'any' ||
    (area.kind === 'focus_area' && (await getFocusArea(tx.trx, area.id)) !== undefined) ||
    (area.kind === 'neighbourhood' && (tx.deps.neighbourhoods ?? []).some((n) => n.id === area.id));
  if (!known) {
    const text = commandText('command.area.unknown');
    throw new CommandError('validation', text, { area: text });
  }
}

export const createRunCard = userCommand({
  name: 'run_card.create',
  access: 'runcards.write',
  input: RunCardFields,
  async apply(tx, fields, user): Promise<RunCard> {
    await checkKnown(tx, fields);
    return insertRunCard(tx.trx, randomUUID(), fields, user.id, tx.at);
  },
});

export const updateRunCardCommand = userCommand({
  name: 'run_card.update',
  access: 'runcards.write',
  input: RunCardFields.extend({ id: z.string().min(1) }),
  async apply(tx, { id, ...fields }, user): Promise<RunCard> {
    await checkKnown(tx, fields);
    const updated = await updateRunCard(tx.trx, id, fields, user.id, tx.at);
    if (!updated) throw new CommandError('not_found', say('dispatch.refusal.run_card_not_found'));
    return updated;
  },
});

export const deleteRunCardCommand = userCommand({
  name: 'run_card.delete',
  access: 'runcards.write',
  input: z.object({ id: z.string().min(1) }),
  async apply(tx, { id }): Promise<void> {
    if (!(await deleteRunCard(tx.trx, id))) throw new CommandError('not_found', say('dispatch.refusal.run_card_not_found'));
  },
});
