import { DEFAULT_READABILITY_FLOOR, readability } from '../domain/readability';
import { readabilityText } from '../domain/readability-texts';
import type { FeedbackTrigger } from '../protocol/resolution';
import type { ReadabilityView } from '../protocol/readability';
import { CommandError } from './errors';

/**
 * The plain-language check of a composed citizen message (domain/readability.ts) against the floor
 * (hub/readability-config.ts). The preview shows it; the dispatcher's scheduling or closing with a message below the
 * floor is refused (422, code readability.below_floor on `message.text`) unless it says `confirmLowReadability`.
 */

export interface ReadabilitySubject {
  text: string;
  locale: 'nl' | 'en';
  /** The report's short code and number: codes in the text, not words. */
  skip: readonly string[];
}

/** The triggers whose message the dispatcher previews in the resolution form: these are gated. */
const GATED: ReadonlySet<FeedbackTrigger> = new Set(['scheduled', 'closed']);

export function readabilityView(subject: ReadabilitySubject, floor: number | undefined): ReadabilityView {
  const limit = floor ?? DEFAULT_READABILITY_FLOOR;
  const r = readability(subject.text, { locale: subject.locale, skip: subject.skip });
  return { score: r.score, level: r.level, hints: r.hints, floor: limit, belowFloor: limit > 0 && r.score !== null && r.score < limit, locale: subject.locale };
}

export function assertReadable(
  trigger: FeedbackTrigger,
  subject: ReadabilitySubject,
  floor: number | undefined,
  confirmed: boolean | undefined,
): void {
  if (confirmed === true || !GATED.has(trigger)) return;
  const view = readabilityView(subject, floor);
  if (!view.belowFloor) return;
  const text = readabilityText('readability.below_floor', { score: view.score ?? 0, floor: view.floor });
  throw new CommandError('validation', text, { 'message.text': text });
}
