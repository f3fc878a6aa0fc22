/** The map's optional layers: signals (survey, social media) and hotspot cells, over a shared time window. */
import { useI18n } from '../i18n';
import { DaysField } from '../ui/DaysField';
import { TREND_COLORS } from './hotspotLayers';
import { SIGNAL_COLORS } from './signalLayers';

interface MapLayersControlProps {
  showSignals: boolean;
  onShowSignals: (show: boolean) => void;
  signalCount: number | undefined;
  signalsLoading: boolean;
  showHotspots: boolean;
  onShowHotspots: (show: boolean) => void;
  hotspotCount: number | undefined;
  days: number;
  onDaysChange: (days: number) => void;
}

export function MapLayersControl({
  showSignals,
  onShowSignals,
  signalCount,
  signalsLoading,
  showHotspots,
  onShowHotspots,
  hotspotCount,
  days,
  onDaysChange,
}: MapLayersControlProps) {
  const { t } = useI18n();
  return (
    <fieldset className="map-layers" data-testid="map-layers">
      <legend>{t('layers.title')}</legend>
      <label className="layer-toggle">
        <input
          type="checkbox"
          checked={showSignals}
          onChange={(e) => onShowSignals(e.target.checked)}
          data-testid="layer-toggle-signals"
        />
        <span className="layer-swatch diamond" style={{ background: SIGNAL_COLORS.survey }} aria-hidden="true" />
        <span>{t('layers.signals')}</span>
        {showSignals && (
          <span className="muted small" data-testid="layer-signals-count">
            {signalsLoading && signalCount === undefined ? '…' : (signalCount ?? 0)}
          </span>
        )}
      </label>
      {showSignals && (
        <p className="layer-legend small">
          <span className="layer-swatch diamond" style={{ background: SIGNAL_COLORS.survey }} aria-hidden="true" />{' '}
          {t('layers.survey')}{' '}
          <span className="layer-swatch diamond" style={{ background: SIGNAL_COLORS.social }} aria-hidden="true" />{' '}
          {t('layers.social')}
        </p>
      )}
      <label className="layer-toggle">
        <input
          type="checkbox"
          checked={showHotspots}
          onChange={(e) => onShowHotspots(e.target.checked)}
          data-testid="layer-toggle-hotspots"
        />
        <span className="layer-swatch hex" aria-hidden="true" />
        <span>{t('layers.hotspots')}</span>
        {showHotspots && hotspotCount !== undefined && <span className="muted small">{hotspotCount}</span>}
      </label>
      {showHotspots && (
        <p className="layer-legend small">
          <span className="layer-line" style={{ background: TREND_COLORS.rising }} aria-hidden="true" /> {t('hotspots.trend.rising')}{' '}
          <span className="layer-line" style={{ background: TREND_COLORS.falling }} aria-hidden="true" />{' '}
          {t('hotspots.trend.falling')}
        </p>
      )}
      {(showSignals || showHotspots) && (
        <DaysField className="layer-window small" value={days} onChange={onDaysChange} testId="layers-days" />
      )}
    </fieldset>
  );
}
