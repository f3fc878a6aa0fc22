import { useState } from 'react';
import type { ClientConfig } from '../../../server/protocol/api';
import { useCan } from '../../shared/auth/useCan';
import { useT } from '../i18n';
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

/** The header buttons, for the roles that may open each view (replay.read, forecast.read). */
export function HistoryButtons({ history }: { history: HistoryViewState }) {
  const t = useT();
  const replays = useCan('replay.read');
  const forecasts = useCan('forecast.read');
  return (
    <>
      {replays && (
        <button type="button" className="btn" onClick={() => history.open('replay')} aria-haspopup="dialog" data-testid="replay-open">
          {t('replay.open')}
        </button>
      )}
      {forecasts && (
        <button type="button" className="btn" onClick={() => history.open('forecast')} aria-haspopup="dialog" data-testid="forecast-open">
          {t('forecast.open')}
        </button>
      )}
    </>
  );
}

export function HistoryOverlay({ history, config }: { history: HistoryViewState; config: ClientConfig }) {
  if (history.view === 'replay') return <ReplayView config={config} onClose={history.close} />;
  if (history.view === 'forecast') return <ForecastView config={config} onClose={history.close} />;
  return null;
}
