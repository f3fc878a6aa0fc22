import { z } from 'zod';
import { DEFAULT_SAFETY, type SafetySettings } from '../domain/safety-timers';
import { DEFAULT_SHIFTS, type ShiftSettings } from '../domain/shifts';
import { TimeOfDay, TimeZoneName } from '../config-values';
import type { SafetyClientConfig } from '../protocol/safety';

/**
 * Settings of shifts and safety timers (README "Veiligheid: regels en instellingen"), as keys of server/config.ts.
 * Per-category check-in minutes: an object in the config file ({"overlast": 15}), or `overlast=15,groen=30` in
 * the environment.
 */

const minutes = (fallback: number) => z.coerce.number().positive().max(24 * 60).default(fallback);
const time = (fallback: string) => TimeOfDay.default(fallback);

const CategoryMinutes = z
  .union([z.record(z.string(), z.coerce.number().positive().max(24 * 60)), z.string()])
  .transform((v, ctx) => {
    if (typeof v !== 'string') return v;
    const out: Record<string, number> = {};
    for (const pair of v.split(',').map((p) => p.trim()).filter(Boolean)) {
      const [key, value] = pair.split('=');
      const n = Number(value);
      if (!key || !(n > 0)) {
        ctx.addIssue({ code: 'custom', message: `expected category=minutes, got "${pair}"` });
        return z.NEVER;
      }
      out[key.trim()] = n;
    }
    return out;
  });

export const SAFETY_CONFIG_SHAPE = {
  /** Shift start times (the shift lasts until the next starts) and their time zone. */
  shiftVroeg: time(DEFAULT_SHIFTS.starts.vroeg),
  shiftLaat: time(DEFAULT_SHIFTS.starts.laat),
  shiftNacht: time(DEFAULT_SHIFTS.starts.nacht),
  shiftTimeZone: TimeZoneName.default(DEFAULT_SHIFTS.timeZone),
  /** Safety timers (domain/safety-timers.ts). */
  checkInMinutes: minutes(DEFAULT_SAFETY.checkInMinutes),
  checkInNightMinutes: minutes(DEFAULT_SAFETY.checkInNightMinutes),
  checkInCategoryMinutes: CategoryMinutes.default({}),
  checkInAmberMinutes: minutes(DEFAULT_SAFETY.amberMinutes),
  checkInRedMinutes: minutes(DEFAULT_SAFETY.redMinutes),
  checkInSoundMinutes: minutes(DEFAULT_SAFETY.soundMinutes),
  noFixMinutes: minutes(DEFAULT_SAFETY.noFixMinutes),
};

export const SAFETY_ENV_KEYS = {
  MELDKAMER_SHIFT_VROEG: 'shiftVroeg',
  MELDKAMER_SHIFT_LAAT: 'shiftLaat',
  MELDKAMER_SHIFT_NACHT: 'shiftNacht',
  MELDKAMER_SHIFT_TIME_ZONE: 'shiftTimeZone',
  MELDKAMER_CHECK_IN_MINUTES: 'checkInMinutes',
  MELDKAMER_CHECK_IN_NIGHT_MINUTES: 'checkInNightMinutes',
  MELDKAMER_CHECK_IN_CATEGORY_MINUTES: 'checkInCategoryMinutes',
  MELDKAMER_CHECK_IN_AMBER_MINUTES: 'checkInAmberMinutes',
  MELDKAMER_CHECK_IN_RED_MINUTES: 'checkInRedMinutes',
  MELDKAMER_CHECK_IN_SOUND_MINUTES: 'checkInSoundMinutes',
  MELDKAMER_NO_FIX_MINUTES: 'noFixMinutes',
} as const;

type SafetyKeys = { [K in keyof typeof SAFETY_CONFIG_SHAPE]: z.output<(typeof SAFETY_CONFIG_SHAPE)[K]> };

export function shiftSettingsOf(c: Pick<SafetyKeys, 'shiftVroeg' | 'shiftLaat' | 'shiftNacht' | 'shiftTimeZone'>): ShiftSettings {
  return { starts: { vroeg: c.shiftVroeg, laat: c.shiftLaat, nacht: c.shiftNacht }, timeZone: c.shiftTimeZone };
}

export function safetySettingsOf(c: SafetyKeys): SafetySettings {
  return {
    checkInMinutes: c.checkInMinutes,
    checkInNightMinutes: c.checkInNightMinutes,
    checkInCategoryMinutes: c.checkInCategoryMinutes,
    amberMinutes: c.checkInAmberMinutes,
    redMinutes: c.checkInRedMinutes,
    soundMinutes: c.checkInSoundMinutes,
    noFixMinutes: c.noFixMinutes,
  };
}

export function safetyClientConfigOf(c: SafetyKeys): SafetyClientConfig {
  return { shifts: { vroeg: c.shiftVroeg, laat: c.shiftLaat, nacht: c.shiftNacht, timeZone: c.shiftTimeZone }, noFixMinutes: c.noFixMinutes };
}
