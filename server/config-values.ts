import { z } from 'zod';
import { HHMM } from './domain/shifts';

/** A yes/no setting: a boolean in the config file, or 1/0, true/false, yes/no as the environment writes it. */
export const Boolish = z
  .union([z.boolean(), z.enum(['1', '0', 'true', 'false', 'yes', 'no'])])
  .transform((v) => v === true || v === '1' || v === 'true' || v === 'yes');

function knownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone this runtime knows (Europe/Amsterdam). */
export const TimeZoneName = z.string().min(1).refine(knownTimeZone, 'must be an IANA time zone (e.g. Europe/Amsterdam)');

/** A local time of day, HH:MM on the 24-hour clock. */
export const TimeOfDay = z.string().regex(HHMM, 'must be HH:MM (24-hour)');
