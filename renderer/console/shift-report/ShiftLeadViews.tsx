import { useState } from 'react';
import type { ClientConfig } from '../../../server/protocol/api';
import type { Category } from '../../../server/protocol/report';
import { useCan } from '../../shared/auth/useCan';
import { useT } from '../i18n';
import { HandoverDialog } from './HandoverDialog';
import { ShiftReportView } from './ShiftReportView';

/** The shift report's entry in the console: its header button and full-screen view, and the handover at sign-in. */
export function useShiftReportView() {
  const [open, setOpen] = useState(false);
  return { open, show: () => setOpen(true), close: () => setOpen(false) };
}
type ShiftReportViewState = ReturnType<typeof useShiftReportView>;

/** Header buttons: Dienstrapport (shift_report.read) and Signalen (signals.dashboard, a side panel next to the map). */
export function ShiftLeadButtons({ view, signalsOpen, onToggleSignals }: { view: ShiftReportViewState; signalsOpen: boolean; onToggleSignals: () => void }) {
  const t = useT();
  const readsReports = useCan('shift_report.read');
  const readsBoard = useCan('signals.dashboard');
  return (
    <>
      {readsBoard && (
        <button type="button" className="btn" onClick={onToggleSignals} aria-pressed={signalsOpen} data-testid="signals-board-open">
          {t('signalsBoard.open')}
        </button>
      )}
      {readsReports && (
        <button type="button" className="btn" onClick={view.show} aria-haspopup="dialog" data-testid="shift-report-open">
          {t('shiftReport.open')}
        </button>
      )}
    </>
  );
}

export function ShiftLeadOverlays({ view, config, categories }: { view: ShiftReportViewState; config: ClientConfig; categories: ReadonlyMap<string, Category> }) {
  return (
    <>
      {view.open && <ShiftReportView config={config} categories={categories} onClose={view.close} />}
      <HandoverDialog categories={categories} />
    </>
  );
}
