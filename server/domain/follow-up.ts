import { DEFAULT_TIME_ZONE, isWorkingDay, localDateString } from './sla';
import { type CivilDate, formatCivilDate, parseCivilDate, zonedToInstant } from './zoned-time';

/**
 * When a scheduled report's follow-up date acts, and whose follow-up it is (pure).
 * Rules:
 * - the follow-up acts at `time` (default 07:00) local time in `timeZone` (default Europe/Amsterdam) on the
 *   due day: the follow-up date itself when it is a working day, else the next working day (weekends and
 *   the Dutch public holidays of domain/sla.ts: a date on Saturday acts on Monday, on Tweede Kerstdag on the
 *   next working day). At 06:59 it is not due, from 07:00 on it is; a hub that was down at 07:00 acts when it
 *   comes back (due stays due). In a DST change the wall-clock time counts (07:00 CEST or CET alike).
 * - the follow-up is the control room's own when its `who` is one of the own team names (a setting), compared
 *   without case, surrounding spaces, repeated spaces, and a leading "team", "het" or "de" ("Team Meldkamer" =
 *   "meldkamer"). Anything else is another team's (the pruning crew "team Groen"): that report stays scheduled
 *   and the desk is told to ask them. An empty list makes every follow-up another team's.
 */

export interface FollowUpSettings {
  /** Local time of day the follow-up acts, HH:MM (24-hour). */
  time: string;
  timeZone: string;
  /** Names in `followUp.who` that mean the control room itself. */
  ownTeams: readonly string[];
}

export const DEFAULT_FOLLOW_UP: FollowUpSettings = {
  time: '07:00',
  timeZone: DEFAULT_TIME_ZONE,
  ownTeams: ['meldkamer', 'handhaving', 'handhaving en toezicht', 'toezicht en handhaving'],
};

/** The day the follow-up acts: the date itself on a working day, else the next working day (YYYY-MM-DD). */
export function followUpDueDate(followUpDate: string): string {
  let date: CivilDate = parseCivilDate(followUpDate);
  for (let guard = 0; guard < 30 && !isWorkingDay(formatCivilDate(date)); guard++) date = nextDay(date);
  return formatCivilDate(date);
}

/** The instant the follow-up acts: `time` on its due day, local time in `timeZone`. */
export function followUpDueAt(followUpDate: string, settings: Pick<FollowUpSettings, 'time' | 'timeZone'> = DEFAULT_FOLLOW_UP): Date {
  const day = parseCivilDate(followUpDueDate(followUpDate));
  const [hour = 0, minute = 0] = settings.time.split(':').map(Number);
  return zonedToInstant({ ...day, hour, minute, second: 0, millisecond: 0 }, settings.timeZone);
}

/** Whether the follow-up acts at `now` (at and after its due instant). */
export function isFollowUpDueAt(followUpDate: string, now: Date, settings: Pick<FollowUpSettings, 'time' | 'timeZone'> = DEFAULT_FOLLOW_UP): boolean {
  return now.getTime() >= followUpDueAt(followUpDate, settings).getTime();
}

/** The latest follow-up date that can be due at `now`: candidates are scheduled reports with a date up to this one. */
export function latestPossiblyDueDate(now: Date, settings: Pick<FollowUpSettings, 'timeZone'> = DEFAULT_FOLLOW_UP): string {
  return localDateString(now, settings.timeZone);
}

/** A team name as compared: lower case, single spaces, without a leading "team", "het" or "de". */
export function normalTeamName(name: string): string {
  let n = name.trim().toLocaleLowerCase('nl').replace(/\s+/g, ' ');
  let before: string;
  do {
    before = n;
    n = n.replace(/^(team|het|de) /, '');
  } while (n !== before);
  return n;
}

/** Whether a follow-up's `who` is the control room itself (one of the own team names). */
export function isOwnFollowUp(who: string, ownTeams: readonly string[]): boolean {
  const name = normalTeamName(who);
  return name.length > 0 && ownTeams.some((team) => normalTeamName(team) === name);
}

export type FollowUpAct = { kind: 'own' } | { kind: 'other'; who: string };

/** What the follow-up date does: own → back to the queue; other → stays scheduled, the desk asks `who`. */
export function followUpAct(who: string, ownTeams: readonly string[]): FollowUpAct {
  return isOwnFollowUp(who, ownTeams) ? { kind: 'own' } : { kind: 'other', who: who.trim() };
}

function nextDay({ year, month, day }: CivilDate): CivilDate {
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}
