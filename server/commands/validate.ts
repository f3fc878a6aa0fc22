import type { z } from 'zod';
import { fieldErrors } from '../protocol/common';
import { CommandError } from './errors';

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new CommandError('validation', 'Ongeldige invoer', fieldErrors(result.error));
  }
  return result.data;
}
