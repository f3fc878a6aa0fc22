import { z } from 'zod';
import { DomainText, IsoDateTime } from './common';
import { UnitKind } from './dispatch';
import { Priority } from './report';

/** Run cards (inzetvoorstellen): what a report of a category, in an area, at a time of day needs (domain/run-cards.ts). */

/** "HH:MM", 00:00–23:59. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'tijd als UU:MM');

export const RunCardArea = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('any') }),
  z.object({ kind: z.literal('focus_area'), id: z.string().min(1).max(100) }),
  z.object({ kind: z.literal('neighbourhood'), id: z.string().min(1).max(100) }),
]);
export type RunCardArea = z.infer<typeof RunCardArea>;

export const RunCardFields = z.object({
  category: z.string().min(1).max(60),
  area: RunCardArea,
  /** Time of day the card holds, local time; both null = all day. `to` before `from` crosses midnight. */
  from: ClockTime.nullable(),
  to: ClockTime.nullable(),
  /** Kinds of unit that may fill the card's slots; empty = any kind that may handle the category. */
  unitKinds: z.array(UnitKind).max(3),
  /** How many units must accept before the remaining offers are withdrawn. */
  units: z.number().int().min(1).max(5),
  team: z.string().trim().max(120).nullable(),
  /** Priority a report gets at intake when none was chosen. */
  priority: Priority.nullable(),
});
export type RunCardFields = z.infer<typeof RunCardFields>;

export const RunCard = RunCardFields.extend({
  id: z.string(),
  updatedAt: IsoDateTime,
  updatedBy: z.string().nullable(),
});
export type RunCard = z.infer<typeof RunCard>;

export const RunCardsResponse = z.object({ runCards: z.array(RunCard) });
export type RunCardsResponse = z.infer<typeof RunCardsResponse>;

/** The run card of a report and how far it is filled: shown with the recommendation. */
export const RunCardAdvice = z.object({
  card: RunCard.nullable(),
  /** Units needed: the card's number, or 1 without a card. */
  needed: z.number().int().min(1),
  /** Units that accepted (slots filled). */
  accepted: z.number().int().min(0),
  /** Open offers. */
  offered: z.number().int().min(0),
  /** The best available units for the open slots, best first (unit ids). */
  suggested: z.array(z.string()),
  /** "2 BOA-eenheden nodig, 1 beschikbaar binnen 2 km". */
  text: DomainText,
});
export type RunCardAdvice = z.infer<typeof RunCardAdvice>;
