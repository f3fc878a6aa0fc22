import type { Recommendation, UnitKind } from '../protocol/dispatch';
import type { RunCard, RunCardArea } from '../protocol/run-cards';
import { DISPATCH_TEXTS } from './dispatch-texts';
import { distanceText } from './distance-text';
import { type DomainText, textMaker } from './domain-text';
import { localDateTime } from './zoned-time';

/**
 * Run cards (inzetvoorstellen): which card holds for a report, and what it asks of the recommendation.
 * Pure: the caller passes the cards, where the report lies and the local time.
 *
 * A card HOLDS for a report when all three match:
 *   category  equal to the report's category;
 *   area      'any', or a focus area / neighbourhood (wijk) whose polygon contains the report
 *             (the caller passes the ids of those that do);
 *   time      from–to in local time (minutes of the day): from <= t < to; when `to` is before `from`
 *             the window crosses midnight (22:00–06:00 holds at 23:30 and at 05:59, not at 06:00);
 *             from null means 00:00, to null means 24:00; from equal to to (or both null) is all day.
 * The MOST SPECIFIC card holding wins:
 *   1. area: focus area before neighbourhood before any;
 *   2. time: a narrower window before a wider one (all day is the widest, 24 h);
 *   3. tie: the smallest id (deterministic, whatever order the store returns).
 * No card holds: none (the report needs one unit of any kind that may handle its category).
 *
 * Slots: a card asks for `units` units of `unitKinds` (empty = any kind). Each acceptance fills a slot;
 * the report's remaining offers stay open until every slot is filled.
 */

const say = textMaker(DISPATCH_TEXTS);
const DAY_MINUTES = 24 * 60;

export interface RunCardPlace {
  category: string;
  /** Ids of the focus areas containing the report (active ones). */
  focusAreaIds: readonly string[];
  /** Ids of the neighbourhoods containing the report. */
  neighbourhoodIds: readonly string[];
  /** Local minute of the day, 0–1439. */
  minuteOfDay: number;
}

type CardRule = Pick<RunCard, 'id' | 'category' | 'area' | 'from' | 'to'>;

/** "22:30" → 1350. */
export function clockMinutes(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/** The local minute of the day of an instant. */
export function minuteOfDay(instant: Date, timeZone: string): number {
  const t = localDateTime(instant, timeZone);
  return t.hour * 60 + t.minute;
}

/** [start, length] of a card's window in minutes; all day is [0, 1440]. */
export function cardWindow(card: Pick<RunCard, 'from' | 'to'>): { start: number; length: number } {
  const start = card.from === null ? 0 : clockMinutes(card.from);
  const end = card.to === null ? DAY_MINUTES : clockMinutes(card.to);
  if (start === end || (card.from === null && card.to === null)) return { start: 0, length: DAY_MINUTES };
  return { start, length: (end - start + DAY_MINUTES) % DAY_MINUTES || DAY_MINUTES };
}

export function inWindow(card: Pick<RunCard, 'from' | 'to'>, minute: number): boolean {
  const { start, length } = cardWindow(card);
  return (minute - start + DAY_MINUTES) % DAY_MINUTES < length;
}

function areaRank(area: RunCardArea): number {
  return area.kind === 'focus_area' ? 2 : area.kind === 'neighbourhood' ? 1 : 0;
}

function areaHolds(area: RunCardArea, place: RunCardPlace): boolean {
  if (area.kind === 'any') return true;
  return (area.kind === 'focus_area' ? place.focusAreaIds : place.neighbourhoodIds).includes(area.id);
}

export function cardHolds(card: CardRule, place: RunCardPlace): boolean {
  return card.category === place.category && areaHolds(card.area, place) && inWindow(card, place.minuteOfDay);
}

/** The most specific card holding for the place (rules above), or null. */
export function matchRunCard<C extends CardRule>(cards: readonly C[], place: RunCardPlace): C | null {
  let best: C | null = null;
  for (const card of cards) {
    if (!cardHolds(card, place)) continue;
    if (best === null || moreSpecific(card, best)) best = card;
  }
  return best;
}

function moreSpecific(a: CardRule, b: CardRule): boolean {
  const byArea = areaRank(a.area) - areaRank(b.area);
  if (byArea !== 0) return byArea > 0;
  const byWindow = cardWindow(a).length - cardWindow(b).length;
  if (byWindow !== 0) return byWindow < 0;
  return a.id < b.id;
}

/** Units a report needs: the card's number, or one without a card. */
export function unitsNeeded(card: Pick<RunCard, 'units'> | null): number {
  return card ? Math.max(1, card.units) : 1;
}

export interface SlotPlan {
  needed: number;
  /** Slots neither filled (accepted) nor waiting (offered). */
  open: number;
  /** The best recommended units of the card's kinds for the open slots, best first. */
  suggested: Recommendation[];
  text: DomainText;
}

/**
 * What the recommendation says about the card: how many units are needed, how many of the right kind are
 * available (and how far the farthest of them is), and which to offer to fill the open slots.
 * `busyUnitIds`: units already offered this report or on it (never suggested again).
 */
export function planSlots(
  card: Pick<RunCard, 'units' | 'unitKinds'> | null,
  recommendations: readonly Recommendation[],
  state: { accepted: number; offered: number; busyUnitIds?: readonly string[] },
): SlotPlan {
  const needed = unitsNeeded(card);
  const kinds: readonly UnitKind[] = card?.unitKinds ?? [];
  const busy = new Set(state.busyUnitIds ?? []);
  const fitting = recommendations.filter((r) => !busy.has(r.unitId) && (kinds.length === 0 || kinds.includes(r.kind)));
  const open = Math.max(0, needed - state.accepted - state.offered);
  const suggested = fitting.slice(0, open);
  const kind = kindText(kinds, needed);
  if (state.accepted >= needed) {
    return { needed, open, suggested, text: say('runcard.filled', { accepted: state.accepted, needed, kind: kindText(kinds, needed) }) };
  }
  const nearest = fitting.slice(0, Math.max(1, needed - state.accepted));
  if (nearest.length === 0) return { needed, open, suggested, text: say('runcard.need.none_available', { needed, kind }) };
  const distances = nearest.map((r) => r.distanceMeters);
  const far = distances.some((d) => d === null) ? Number.NaN : Math.max(...(distances as number[]));
  return { needed, open, suggested, text: say('runcard.need', { needed, kind, available: nearest.length, distance: distanceText(far) }) };
}

/** "BOA-eenheden", "eenheid": the card's one kind, or units in general. */
export function kindText(kinds: readonly UnitKind[], count: number): DomainText {
  const many = count === 1 ? 'one' : 'many';
  const kind = kinds.length === 1 ? kinds[0] : undefined;
  return kind ? say(`runcard.kind.${kind}.${many}`) : say(`runcard.kind.${many}`);
}
