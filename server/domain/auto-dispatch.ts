/**
 * Auto-dispatch: when the hub offers a waiting report by itself. Pure: the caller passes the hub clock.
 *
 * Settings per category (a '*' entry holds for categories without their own):
 *   noDeskMinutes  no desk console (dispatcher or shift lead) has been connected to any hub node for this
 *                  long: every unassigned report of the category is offered;
 *   waitMinutes    the report has waited unassigned this long since it came in (desk or not).
 * Either may be absent (that trigger is off); a category with neither is never offered automatically.
 * When both hold, 'no_desk' is given as the reason. A report is offered automatically at most once
 * (the store records it; the shift lead gets an alert and takes it from there).
 */

export interface AutoDispatchSetting {
  noDeskMinutes?: number | undefined;
  waitMinutes?: number | undefined;
}

export type AutoDispatchSettings = Readonly<Record<string, AutoDispatchSetting>>;

export type AutoDispatchReason = { kind: 'no_desk' } | { kind: 'waited'; minutes: number };

export function settingFor(settings: AutoDispatchSettings, category: string): AutoDispatchSetting | null {
  const s = settings[category] ?? settings['*'];
  return s && (s.noDeskMinutes !== undefined || s.waitMinutes !== undefined) ? s : null;
}

/** The categories some setting covers ('*' covers all): null = all. */
export function coveredCategories(settings: AutoDispatchSettings): string[] | null {
  if (settingFor(settings, '*') && settings['*']) return null;
  return Object.keys(settings).filter((c) => settingFor(settings, c) !== null);
}

/** Whether any category has a setting (otherwise the hub never looks). */
export function isAutoDispatchOn(settings: AutoDispatchSettings): boolean {
  const covered = coveredCategories(settings);
  return covered === null || covered.length > 0;
}

/**
 * Whether a report is due for an automatic offer now, and why.
 * `deskAway`: how long no desk console has been connected anywhere (ms), 0 while one is.
 */
export function autoDispatchReason(
  setting: AutoDispatchSetting | null,
  report: { createdAt: string | Date },
  now: Date,
  deskAwayMs: number,
): AutoDispatchReason | null {
  if (!setting) return null;
  if (setting.noDeskMinutes !== undefined && deskAwayMs >= setting.noDeskMinutes * 60_000) return { kind: 'no_desk' };
  if (setting.waitMinutes !== undefined) {
    const created = (typeof report.createdAt === 'string' ? new Date(report.createdAt) : report.createdAt).getTime();
    if (!Number.isNaN(created) && now.getTime() - created >= setting.waitMinutes * 60_000) return { kind: 'waited', minutes: setting.waitMinutes };
  }
  return null;
}

/** How long no desk has been connected: 0 while one is here, else since it was last seen (never seen: since `since`). */
export function deskAwayMs(now: Date, deskHere: boolean, lastSeen: string | null): number {
  if (deskHere || lastSeen === null) return 0;
  const seen = Date.parse(lastSeen);
  return Number.isNaN(seen) ? 0 : Math.max(0, now.getTime() - seen);
}
