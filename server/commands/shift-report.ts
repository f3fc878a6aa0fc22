import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { commandText } from '../domain/command-texts';
import { DEFAULT_MUNICIPALITY } from '../domain/feedback-values';
import {
  cleanNotes,
  NOTABLE_LIST_LIMIT,
  notableEvents,
  notableFigures,
  reportIdsOf,
  type ShiftWindow,
  shiftWindow,
  transitionCounts,
} from '../domain/shift-report';
import type { ShiftName, ShiftSettings } from '../domain/shifts';
import type { User } from '../protocol/auth';
import { SaveShiftReportBody, type ShiftReport, type ShiftReportContent } from '../protocol/shift-report';
import type { DB } from '../store/schema';
import { DEFAULT_KPI_TARGETS, type KpiTargets } from '../domain/kpi';
import { computeStats } from './stats';
import {
  acknowledgeShiftReport,
  getShiftReport,
  notableEventRows,
  openCounts,
  openReportsToHandOver,
  reportNumbers,
  reportsReceivedBetween,
  transitionsBetween,
  upsertShiftReport,
} from '../store/shift-reports';
import type { HubDeps } from './context';
import { CommandError } from './errors';
import { userCommand } from './run-command';

/**
 * The shift report (dienstrapport): read for a shift (its figures, notable events, the open reports to hand over),
 * saved with the shift lead's notes, acknowledged by the next shift lead as the handover (overdracht).
 * The rules are domain/shift-report.ts; the figures up to the end of the shift, or up to now when written before it.
 */

/** The window of a shift, refused when it has not started by `now` (nothing to report yet). */
export function startedShift(date: string, shift: ShiftName, settings: ShiftSettings, now: Date): ShiftWindow {
  const window = shiftWindow(date, shift, settings);
  if (Date.parse(window.startsAt) > now.getTime()) {
    const text = commandText('command.shift_report.not_started');
    throw new CommandError('validation', text, { shift: text });
  }
  return window;
}

/** What the shift report is measured against: the shift times' zone and the KPI targets (settings). */
export interface ShiftReportSettings {
  timeZone: string;
  targets?: KpiTargets;
}

/** What the report says about the shift, read from `db` at `now`. */
export async function shiftReportContent(
  db: Kysely<DB>,
  deps: Pick<HubDeps, 'municipality' | 'neighbourhoods'>,
  window: ShiftWindow,
  now: Date,
  settings: ShiftReportSettings,
): Promise<ShiftReportContent> {
  const asOf = new Date(Math.min(now.getTime(), Date.parse(window.endsAt))).toISOString();
  const { startsAt: from } = window;
  const targets = settings.targets ?? DEFAULT_KPI_TARGETS;
  const [stats, received, transitions, rows, open, openList] = await Promise.all([
    computeStats(db, { from, to: asOf }, { now, timeZone: settings.timeZone, targets, neighbourhoods: deps.neighbourhoods ?? null }),
    reportsReceivedBetween(db, from, asOf),
    transitionsBetween(db, from, asOf),
    notableEventRows(db, from, asOf),
    openCounts(db, asOf),
    openReportsToHandOver(db, asOf),
  ]);
  const notable = notableEvents(rows, await reportNumbers(db, reportIdsOf(rows)));
  const { closed, scheduled } = transitionCounts(transitions);
  return {
    date: window.date,
    shift: window.shift,
    startsAt: window.startsAt,
    endsAt: window.endsAt,
    asOf,
    municipality: (deps.municipality ?? DEFAULT_MUNICIPALITY).name,
    figures: {
      received,
      closed,
      scheduled,
      ...notableFigures(notable),
      open: open.byStatus.reduce((sum, s) => sum + s.count, 0),
      overdue: open.overdue,
    },
    kpis: { total: stats.total, targets },
    notable: notable.slice(0, NOTABLE_LIST_LIMIT),
    notableTotal: notable.length,
    openByStatus: open.byStatus,
    openList,
  };
}

/** Saves the report of a shift that has started (one per shift: saving again replaces it, and the next lead reads it again). */
export function saveShiftReport(shifts: () => ShiftSettings, targets?: KpiTargets) {
  return userCommand({
    name: 'shift_report.save',
    access: 'shift_report.write',
    input: SaveShiftReportBody,
    log: { message: 'shift report saved', fields: (report: ShiftReport) => ({ shiftReport: report.id, date: report.date, shift: report.shift }) },
    async apply(tx, body, user: User): Promise<ShiftReport> {
      const window = startedShift(body.date, body.shift, shifts(), tx.now);
      const content = await shiftReportContent(tx.trx, tx.deps, window, tx.now, { timeZone: shifts().timeZone, ...(targets ? { targets } : {}) });
      return upsertShiftReport(tx.trx, {
        id: randomUUID(),
        content,
        notes: cleanNotes(body.notes),
        by: user.id,
        byName: user.displayName,
        at: tx.at,
      });
    },
  });
}

/** The next shift lead read the handover: it is not shown at sign-in again. */
export const acknowledgeHandover = userCommand({
  name: 'shift_report.acknowledge',
  access: 'shift_report.handover',
  input: z.object({ id: z.string().min(1) }),
  async apply(tx, { id }, user): Promise<ShiftReport> {
    const report = await getShiftReport(tx.trx, id);
    if (!report) throw new CommandError('not_found', commandText('command.shift_report.not_found'));
    await acknowledgeShiftReport(tx.trx, id, user.id, tx.at);
    return report;
  },
});
