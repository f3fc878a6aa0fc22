import type { z } from 'zod';
import { inputText, issueTexts } from '../domain/input-texts';
import { CommandError } from './errors';

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new CommandError('validation', inputText('input.invalid'), issueTexts(result.error, input));
  }
  const nul = pathOfNul(result.data, []);
  if (nul) throw new CommandError('validation', inputText('input.invalid'), { [nul.join('.')]: inputText('input.invalid') });
  return result.data;
}

/**
 * The first text holding a NUL character: PostgreSQL cannot store one (SQLite can), so it is refused on both
 * stores alike, before anything is written, instead of failing in the database.
 */
function pathOfNul(value: unknown, path: (string | number)[]): (string | number)[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = pathOfNul(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
    for (const [key, item] of Object.entries(value)) {
      const found = pathOfNul(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
