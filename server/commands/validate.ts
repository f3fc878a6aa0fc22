import type { z } from 'zod';
import { inputText, issueTexts } from '../domain/input-texts';
import { CommandError } from './errors';

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new CommandError('validation', inputText('input.invalid'), issueTexts(result.error, input));
  }
  return result.data;
}
