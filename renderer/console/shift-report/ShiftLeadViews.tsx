import { useState } from 'react';
import type { ClientConfig } from '../../../server/protocol/api';
import type { Category } from '../../../server/protocol/report';
import { HandoverDialog } from './HandoverDialog';
import { ShiftReportView } from './ShiftReportView';

/** The shift report's entry in the console: its header button and full-screen view, and the handover at sign-in. */
export function useShiftReportView() {
  const [open, setOpen] = useState(false);
  return { open, show: () => setOpen(true), close: () => setOpen(false) };
}
type ShiftReportViewState = ReturnType<typeof useShiftReportView>;

export function ShiftLeadOverlays({ view, config, categories }: { view: ShiftReportViewState; config: ClientConfig; categories: ReadonlyMap<string, Category> }) {
  return (
    <>
      {view.open && <ShiftReportView config={config} categories={categories} onClose={view.close} />}
      <HandoverDialog categories={categories} />
    </>
  );
}
