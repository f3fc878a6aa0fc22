import type { Kysely } from 'kysely';
import { overviewAlertOf, overviewEmergencyOf, overviewReportOf, overviewUnitOf } from '../domain/overview';
import type { Role } from '../protocol/auth';
import type { OverviewSnapshot } from '../protocol/overview';
import { openAlerts } from './alerts';
import { openEmergencies } from './emergencies';
import { inSnapshot, latestSeq } from './events';
import { rowToReport, selectReports } from './reports';
import type { DB } from './schema';
import { listUnits } from './units';

/**
 * The overview's state as one consistent read (domain/overview.ts), with the seq of the last event it includes: open
 * reports, closed ones with a failed citizen message, units, open emergencies and the unacknowledged alerts `alertsFor`
 * sees. A report's status time is read from the event log for reopen requests only (the one figure that needs it).
 */
export function overviewSnapshot(
  db: Kysely<DB>,
  input: { alertsFor: Role; timeZone: string; at: Date },
): Promise<OverviewSnapshot> {
  return inSnapshot(db, async (trx) => {
    const seq = await latestSeq(trx);
    const rows = await selectReports(trx)
      .where((eb) => eb.or([eb('reports.status', '!=', 'closed'), eb('reports.outbox_failed', '>', 0)]))
      .execute();
    const reports = rows.map(rowToReport);
    const reopenIds = reports.filter((r) => r.status === 'reopen_requested').map((r) => r.id);
    const since = new Map<string, string>();
    for (let i = 0; i < reopenIds.length; i += 500) {
      const found = await trx
        .selectFrom('events')
        .select(['report_id', (eb) => eb.fn.max('at').as('at')])
        .where('type', '=', 'report.transitioned')
        .where('report_id', 'in', reopenIds.slice(i, i + 500))
        .groupBy('report_id')
        .execute();
      for (const row of found) if (row.report_id) since.set(row.report_id, String(row.at));
    }
    const units = await listUnits(trx);
    const emergencies = await openEmergencies(trx, 0);
    const alerts = await openAlerts(trx, input.alertsFor);
    return {
      seq,
      at: input.at.toISOString(),
      timeZone: input.timeZone,
      reports: reports.map((r) => overviewReportOf(r, r.status === 'reopen_requested' ? (since.get(r.id) ?? null) : null)),
      units: units.map(overviewUnitOf),
      emergencies: emergencies.map(overviewEmergencyOf),
      alerts: alerts.map(overviewAlertOf),
    };
  });
}
