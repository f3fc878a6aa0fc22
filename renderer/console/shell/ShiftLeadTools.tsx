import { useCan } from '../../shared/auth/useCan';
import { useT } from '../i18n';
import type { MenuItem } from '../ui/MenuButton';

/** What each of the shift lead's views does when chosen in the header. */
export interface ShiftLeadActions {
  openOverview: () => void;
  openKpis: () => void;
  toggleSignalsBoard: () => void;
  signalsBoardOpen: boolean;
  openShiftReport: () => void;
  openReplay: () => void;
  openForecast: () => void;
}

/**
 * The shift lead's views (Overzicht, KPI's, Signalen, Dienstrapport, Terugkijken, Voorspelling) that this user may open,
 * as header tools (HeaderTools.tsx puts them, with the other tools, in the "Dienstchef" menu when there are many).
 */
export function useShiftLeadViews(actions: ShiftLeadActions): MenuItem[] {
  const t = useT();
  const allowed = {
    overview: useCan('overview.read'),
    kpis: useCan('stats.read'),
    signals: useCan('signals.dashboard'),
    shiftReport: useCan('shift_report.read'),
    replay: useCan('replay.read'),
    forecast: useCan('forecast.read'),
  };
  const views: MenuItem[] = [];
  if (allowed.overview) views.push({ id: 'overview-open', label: t('overview.open'), onSelect: actions.openOverview });
  if (allowed.kpis) views.push({ id: 'kpi-open', label: t('kpi.open'), onSelect: actions.openKpis });
  if (allowed.signals) {
    views.push({ id: 'signals-board-open', label: t('signalsBoard.open'), onSelect: actions.toggleSignalsBoard, checked: actions.signalsBoardOpen });
  }
  if (allowed.shiftReport) views.push({ id: 'shift-report-open', label: t('shiftReport.open'), onSelect: actions.openShiftReport });
  if (allowed.replay) views.push({ id: 'replay-open', label: t('replay.open'), onSelect: actions.openReplay });
  if (allowed.forecast) views.push({ id: 'forecast-open', label: t('forecast.open'), onSelect: actions.openForecast });
  return views;
}
