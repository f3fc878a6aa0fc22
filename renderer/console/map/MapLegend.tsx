/**
 * The map's legend (a control with a toggle): what a report dot, a cluster, a unit, its arrow, a grey unit,
 * the red ring, a focus area and the pick marker mean. Colours come from the layers' own tables, so the
 * legend cannot drift from the map.
 */
import { useState } from 'react';
import { Priority, type ReportStatus } from '../../../server/protocol/report';
import { UnitStatus } from '../../../server/protocol/dispatch';
import { useI18n } from '../i18n';
import { PRIORITY_COLORS, STATUS_COLORS } from './reportLayers';
import { STALE_COLOR, UNIT_STATUS_COLORS } from './unitLayers';

const STORAGE_KEY = 'meldkamer.legend';
/** The ring colours a dispatcher meets most. */
const LEGEND_STATUSES: readonly ReportStatus[] = ['new', 'dispatched', 'in_progress', 'scheduled'];

function storedOpen(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'open';
  } catch {
    return false;
  }
}

export function MapLegend({ showUnits }: { showUnits: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(storedOpen);
  const toggle = () =>
    setOpen((was) => {
      try {
        localStorage.setItem(STORAGE_KEY, was ? 'closed' : 'open');
      } catch {
        // the choice then lasts for this session only
      }
      return !was;
    });
  return (
    <section className="map-legend" aria-label={t('legend.title')} data-testid="map-legend" data-open={open}>
      <button
        type="button"
        className="btn btn-small map-legend-toggle"
        aria-expanded={open}
        aria-controls="map-legend-body"
        onClick={toggle}
        title={open ? t('legend.hide') : t('legend.show')}
        data-testid="map-legend-toggle"
      >
        {t('legend.title')}
      </button>
      {open && (
        <ul id="map-legend-body" className="map-legend-body" data-testid="map-legend-body">
          <li>
            <span className="legend-swatches" aria-hidden="true">
              {Priority.options.map((p) => (
                <span key={p} className="legend-dot" style={{ background: PRIORITY_COLORS[p] }} title={t(`priority.${p}`)} />
              ))}
            </span>
            <span>{t('legend.reports')}</span>
          </li>
          <li className="small muted">
            {Priority.options.map((p) => t(`priority.${p}`)).join(' · ')}
          </li>
          <li>
            <span className="legend-swatches" aria-hidden="true">
              {LEGEND_STATUSES.map((s) => (
                <span key={s} className="legend-dot" style={{ borderColor: STATUS_COLORS[s] }} title={t(`status.${s}`)} />
              ))}
            </span>
            <span>{t('legend.status', { statuses: LEGEND_STATUSES.map((s) => t(`status.${s}`)).join(' · ') })}</span>
          </li>
          <li>
            <span className="legend-swatches" aria-hidden="true">
              <span className="legend-dot legend-cluster" style={{ background: PRIORITY_COLORS.high, borderColor: PRIORITY_COLORS.high }} />
            </span>
            <span>{t('legend.cluster')}</span>
          </li>
          {showUnits && (
            <>
              <li>
                <span className="legend-swatches" aria-hidden="true">
                  {UnitStatus.options.slice(0, 5).map((s) => (
                    <span key={s} className="legend-dot" style={{ background: UNIT_STATUS_COLORS[s], borderColor: '#eef2f6' }} />
                  ))}
                </span>
                <span>{t('legend.units')}</span>
              </li>
              <li className="small muted">{UnitStatus.options.map((s) => t(`unit.status.${s}`)).join(' · ')}</li>
              <li>
                <span className="legend-swatches" aria-hidden="true">
                  <span className="legend-arrow" />
                </span>
                <span>{t('legend.heading')}</span>
              </li>
              <li>
                <span className="legend-swatches" aria-hidden="true">
                  <span className="legend-dot" style={{ background: STALE_COLOR, borderColor: '#9aa3ad', opacity: 0.6 }} />
                </span>
                <span>{t('legend.stale')}</span>
              </li>
              <li>
                <span className="legend-swatches" aria-hidden="true">
                  <span className="legend-dot" style={{ background: UNIT_STATUS_COLORS.bezet, borderColor: '#ff2d2d', boxShadow: '0 0 0 3px rgba(255,45,45,0.35)' }} />
                </span>
                <span>{t('legend.emergency')}</span>
              </li>
              <li>
                <span className="legend-swatches" aria-hidden="true">
                  <span className="legend-area" />
                </span>
                <span>{t('legend.area')}</span>
              </li>
            </>
          )}
          <li>
            <span className="legend-swatches" aria-hidden="true">
              <span className="legend-dot" style={{ borderColor: '#f0e68c', borderWidth: 3 }} />
            </span>
            <span>{t('legend.pick')}</span>
          </li>
        </ul>
      )}
    </section>
  );
}
