import { z } from 'zod';
import { DEFAULT_FOLLOW_UP, type FollowUpSettings } from '../domain/follow-up';
import { Boolish, TimeOfDay, TimeZoneName } from '../config-values';

/**
 * Settings of the follow-up date (domain/follow-up.ts, hub/follow-up-job.ts; README "De vervolgdatum"), as keys of
 * server/config.ts. Own team names: a JSON array in the config file, or a comma-separated list in the environment
 * (`MELDKAMER_FOLLOW_UP_OWN_TEAMS=Meldkamer,Handhaving`).
 */

const TeamNames = z
  .union([z.array(z.string()), z.string()])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((name) => name.trim()).filter(Boolean))
  .pipe(z.array(z.string().min(2, 'a team name has at least 2 characters').max(120)).max(50));

export const FOLLOW_UP_CONFIG_SHAPE = {
  /** Local time the follow-up date acts (the report back to the queue, the desk told). */
  followUpTime: TimeOfDay.default(DEFAULT_FOLLOW_UP.time),
  followUpTimeZone: TimeZoneName.default(DEFAULT_FOLLOW_UP.timeZone),
  /** Names in a follow-up's "door wie" that mean the control room itself; any other name is another team's. */
  followUpOwnTeams: TeamNames.default([...DEFAULT_FOLLOW_UP.ownTeams]),
  /** Send the reporter a short "vandaag komen we langs" message on the follow-up date. Default off. */
  followUpVisitMessage: Boolish.default(false),
};

export const FOLLOW_UP_ENV_KEYS = {
  MELDKAMER_FOLLOW_UP_TIME: 'followUpTime',
  MELDKAMER_FOLLOW_UP_TIME_ZONE: 'followUpTimeZone',
  MELDKAMER_FOLLOW_UP_OWN_TEAMS: 'followUpOwnTeams',
  MELDKAMER_FOLLOW_UP_VISIT_MESSAGE: 'followUpVisitMessage',
} as const;

type FollowUpKeys = { [K in keyof typeof FOLLOW_UP_CONFIG_SHAPE]: z.output<(typeof FOLLOW_UP_CONFIG_SHAPE)[K]> };

export interface FollowUpJobSettings extends FollowUpSettings {
  visitMessage: boolean;
}

export function followUpSettingsOf(c: FollowUpKeys): FollowUpJobSettings {
  return { time: c.followUpTime, timeZone: c.followUpTimeZone, ownTeams: c.followUpOwnTeams, visitMessage: c.followUpVisitMessage };
}
