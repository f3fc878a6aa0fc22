import { z } from 'zod';

/**
 * The plain-language check of a citizen message (domain/readability.ts) as the preview answers it. `score` is
 * Flesch-Douma (Dutch) or Flesch (English); null when the text has no countable words. `floor`: the configured
 * minimum (hub/readability-config.ts) below which sending needs `confirmLowReadability: true`.
 */
export const ReadabilityHint = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('long_sentence'), start: z.number().int(), end: z.number().int(), text: z.string(), words: z.number().int() }),
  z.object({ kind: z.literal('fragment'), start: z.number().int(), end: z.number().int(), text: z.string() }),
  z.object({ kind: z.literal('plain_word'), start: z.number().int(), end: z.number().int(), text: z.string(), replacement: z.string() }),
  z.object({ kind: z.literal('jargon'), start: z.number().int(), end: z.number().int(), text: z.string() }),
  z.object({ kind: z.literal('long_word'), start: z.number().int(), end: z.number().int(), text: z.string(), syllables: z.number().int() }),
]);
export type ReadabilityHint = z.infer<typeof ReadabilityHint>;

export const ReadabilityLevel = z.enum(['easy', 'plain', 'fair', 'hard', 'empty']);

export const ReadabilityView = z.object({
  score: z.number().nullable(),
  level: ReadabilityLevel,
  hints: z.array(ReadabilityHint),
  floor: z.number(),
  belowFloor: z.boolean(),
  /** The language the text was scored in (the citizen's messages' language). */
  locale: z.enum(['nl', 'en']),
});
export type ReadabilityView = z.infer<typeof ReadabilityView>;
