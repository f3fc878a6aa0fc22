import type { OverviewState } from '../../server/domain/overview';
import type { AlertKind } from '../../server/protocol/dispatch';
import type { OverviewAlert } from '../../server/protocol/overview';

/** How the wall words an alert's parts, in its language. */
export interface AlertLineWords {
  kind: (kind: AlertKind) => string;
  category: (code: string) => string;
}

/**
 * What one alert on the wall is about: its kind and unit, the report (number and category, as the overview has them:
 * nothing of the citizen). A report that left the overview is not named. The wall writes the time apart, never cut off.
 */
export function wallboardAlertLine(alert: OverviewAlert, state: OverviewState, words: AlertLineWords): string {
  const callsign = alert.unitId ? state.units.get(alert.unitId)?.callsign : undefined;
  const report = alert.reportId ? state.reports.get(alert.reportId) : undefined;
  return [
    callsign ? `${words.kind(alert.kind)} ${callsign}` : words.kind(alert.kind),
    ...(report ? [`${report.number} ${words.category(report.category)}`] : []),
  ].join(' · ');
}
