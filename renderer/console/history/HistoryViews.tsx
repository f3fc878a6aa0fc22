import { useState } from 'react';
import type { ClientConfig } from '../../../server/protocol/api';
import './history.css';
import { ForecastView } from './ForecastView';
import { ReplayView } from './ReplayView';

/** The shift lead's full-screen views over the console: Terugkijken (replay) and Voorspelling (forecast). */
export type HistoryViewName = 'replay' | 'forecast';

export function useHistoryView() {
  const [view, setView] = useState<HistoryViewName | null>(null);
  return { view, open: setView, close: () => setView(null) };
}
type HistoryViewState = ReturnType<typeof useHistoryView>;

export function HistoryOverlay({ history, config }: { history: HistoryViewState; config: ClientConfig }) {
  if (history.view === 'replay') return <ReplayView config={config} onClose={history.close} />;
  if (history.view === 'forecast') return <ForecastView config={config} onClose={history.close} />;
  return null;
}
