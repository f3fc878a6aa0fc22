/**
 * Where reports and signals pile up: H3 cells (or, when the hub has boundaries, neighbourhoods) ranked by count over a chosen window, with the trend
 * against the window before. The shift lead (and the police coordinator) turns a cell into a focus area
 * with a period and a public text; the cell's boundary becomes the area's polygon (the tasking form's
 * drawing, pre-filled, so it can still be redrawn).
 */
import { Fragment, type ReactNode, useEffect, useRef, useState } from 'react';
import type { FocusArea } from '../../../server/protocol/dispatch';
import type { Hotspot, HotspotsBy, Trend } from '../../../server/protocol/intake';
import { errorMessage } from '../../shared/api/refusal';
import { useCan } from '../../shared/auth/useCan';
import { useHotspots } from '../api/intake';
import { formatDateTime, useI18n } from '../i18n';
import { DaysField } from '../ui/DaysField';
import { Loading } from '../ui/Loading';

export const HOTSPOT_RESOLUTIONS = [7, 8, 9] as const;
const FOCUS_DAYS = 28;

const TREND_ARROWS: Record<Trend, string> = { rising: '↑', falling: '↓', steady: '→' };

/** What the focus-area form for a cell is given (the form itself is tasking's; the shell supplies it). */
export interface FocusFormSpec {
  prefill: { startsAt: Date; endsAt: Date };
  requirePublicText: true;
  publicHint: string;
  title: string;
  autoFocusName: true;
  onCreated: (area: FocusArea) => void;
}

function focusPrefill(): FocusFormSpec['prefill'] {
  const start = new Date();
  start.setMinutes(0, 0, 0);
  return { startsAt: start, endsAt: new Date(start.getTime() + FOCUS_DAYS * 86_400_000) };
}

interface HotspotsPanelProps {
  days: number;
  onDaysChange: (days: number) => void;
  resolution: number;
  onResolutionChange: (resolution: number) => void;
  /** Per H3 cell or per neighbourhood (offered only when the hub has neighbourhood boundaries). */
  by: HotspotsBy;
  onByChange: (by: HotspotsBy) => void;
  selectedCell: string | null;
  onSelectCell: (hotspot: Hotspot) => void;
  /** "Maak aandachtsgebied": the cell's boundary goes into the drawing shared with the tasking panel. */
  onStartFocus: (hotspot: Hotspot) => void;
  /** Renders the focus-area form (on the shared drawing); cancelling ends the drawing with `onCancelFocus`. */
  renderFocusForm: (form: FocusFormSpec) => ReactNode;
  onCancelFocus: () => void;
  onAreaCreated: (area: FocusArea) => void;
  onClose: () => void;
}

export function HotspotsPanel({
  days,
  onDaysChange,
  resolution,
  onResolutionChange,
  by,
  onByChange,
  selectedCell,
  onSelectCell,
  onStartFocus,
  renderFocusForm,
  onCancelFocus,
  onAreaCreated,
  onClose,
}: HotspotsPanelProps) {
  const { t, text, locale } = useI18n();
  const query = useHotspots(days, resolution, by, true);
  const data = query.data;
  const canCreate = useCan('tasking.write');
  const offersNeighbourhoods = by === 'neighbourhood' || data?.neighbourhoods === true;
  const [focusCell, setFocusCell] = useState<string | null>(null);
  const [created, setCreated] = useState<FocusArea | null>(null);
  // A cell chosen on the map scrolls into view in the list.
  const bodyRef = useRef<HTMLDivElement>(null);
  const cellCount = data?.cells.length ?? 0;
  useEffect(() => {
    if (!selectedCell || cellCount === 0) return;
    const row = [...(bodyRef.current?.querySelectorAll<HTMLElement>('[data-testid="hotspot-row"]') ?? [])].find(
      (el) => el.dataset.cell === selectedCell,
    );
    row?.scrollIntoView({ block: 'nearest' });
  }, [selectedCell, cellCount]);

  return (
    <aside className="detail-panel hotspots-panel" aria-label={t('hotspots.title')} data-testid="hotspots-panel">
      <div className="detail-head">
        <h2>{t('hotspots.title')}</h2>
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose} data-testid="hotspots-close">
          {t('detail.close')} <kbd>Esc</kbd>
        </button>
      </div>
      <div className="detail-body" ref={bodyRef}>
        <p className="muted small">{t('hotspots.intro')}</p>
        <div className="field-row hotspot-controls">
          <DaysField
            className="field"
            value={days}
            onChange={(next) => {
              setFocusCell(null);
              onDaysChange(next);
            }}
            testId="hotspots-days"
          />
          <label className="field">
            <span>{t('hotspots.by')}</span>
            <select
              value={by}
              onChange={(e) => {
                setFocusCell(null);
                onByChange(e.target.value === 'neighbourhood' ? 'neighbourhood' : 'h3');
              }}
              data-testid="hotspots-by"
            >
              <option value="h3">{t('hotspots.by.h3')}</option>
              {offersNeighbourhoods && <option value="neighbourhood">{t('hotspots.by.neighbourhood')}</option>}
            </select>
          </label>
          {by === 'h3' && (
            <label className="field">
              <span>{t('hotspots.resolution')}</span>
              <select
                value={resolution}
                onChange={(e) => {
                  setFocusCell(null);
                  onResolutionChange(Number(e.target.value));
                }}
                data-testid="hotspots-resolution"
              >
                {HOTSPOT_RESOLUTIONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`hotspots.res${r}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        {data?.totals && data.window && (
          <p className="muted small" data-testid="hotspots-totals">
            {t(data.by === 'neighbourhood' ? 'hotspots.totalsNeighbourhoods' : 'hotspots.totals', {
              count: data.totals.count,
              cells: data.totals.cells,
              previous: data.totals.previousCount,
              from: formatDateTime(data.window.from, locale),
            })}
          </p>
        )}
        {data?.outside && (
          <p className="muted small" data-testid="hotspots-outside">
            {t('hotspots.outside', { n: data.outside.count, previous: data.outside.previousCount })}
          </p>
        )}
        <p className="muted small hotspot-legend">
          <span className="trend trend-rising">{TREND_ARROWS.rising}</span> {t('hotspots.trend.rising')}{' '}
          <span className="trend trend-falling">{TREND_ARROWS.falling}</span> {t('hotspots.trend.falling')}{' '}
          <span className="trend trend-steady">{TREND_ARROWS.steady}</span> {t('hotspots.trend.steady')}
        </p>
        {created && (
          <p className="notice tasking-notice" role="status" data-testid="hotspot-focus-created">
            {t('hotspots.created', { name: created.name })}
          </p>
        )}
        {query.isPending ? (
          <Loading label={t('hotspots.loading')} />
        ) : query.isError && !data ? (
          <p className="form-error" role="alert">
            {t('hotspots.error', { message: errorMessage(query.error, text) })}
          </p>
        ) : data?.by === 'neighbourhood' && !data.neighbourhoods ? (
          <p className="muted small" data-testid="hotspots-not-configured">
            {t('hotspots.notConfigured')}
          </p>
        ) : !data || data.cells.length === 0 ? (
          <p className="muted small" data-testid="hotspots-empty">
            {t('hotspots.empty')}
          </p>
        ) : (
          <ol className="hotspot-list" data-testid="hotspot-list">
            {data.cells.map((cell, index) => (
              <li
                key={cell.cell}
                className={`hotspot-row${selectedCell === cell.cell ? ' selected' : ''}`}
                data-testid="hotspot-row"
                data-cell={cell.cell}
                data-count={cell.count}
                data-trend={cell.trend}
              >
                <button
                  type="button"
                  className="hotspot-main"
                  onClick={() => onSelectCell(cell)}
                  aria-pressed={selectedCell === cell.cell}
                  title={t('hotspots.show')}
                >
                  <span className="hotspot-rank">{index + 1}</span>
                  <span className="hotspot-count" data-testid="hotspot-count">
                    {cell.count}
                  </span>
                  <span
                    className={`trend trend-${cell.trend}`}
                    role="img"
                    data-testid="hotspot-trend"
                    title={t(`hotspots.trend.${cell.trend}`)}
                    aria-label={t(`hotspots.trend.${cell.trend}`)}
                  >
                    {TREND_ARROWS[cell.trend]}
                  </span>
                  {cell.name && (
                    <span className="hotspot-name" data-testid="hotspot-name">
                      {cell.name}
                    </span>
                  )}
                  <span className="hotspot-previous muted small" data-testid="hotspot-previous">
                    {t('hotspots.previous', { n: cell.previousCount })}
                  </span>
                  <span className="row-spacer" />
                  <span className="hotspot-split small">
                    {t('hotspots.split', { reports: cell.reports, signals: cell.signals })}
                  </span>
                </button>
                {canCreate && focusCell !== cell.cell && (
                  <button
                    type="button"
                    className="btn btn-small hotspot-focus-button"
                    onClick={() => {
                      setCreated(null);
                      setFocusCell(cell.cell);
                      onStartFocus(cell);
                    }}
                    data-testid="hotspot-to-focus"
                  >
                    {t('hotspots.toFocus')}
                  </button>
                )}
                {canCreate && focusCell === cell.cell && (
                  <div className="hotspot-focus" data-testid="hotspot-focus-form">
                    <Fragment key={cell.cell}>
                      {renderFocusForm({
                        prefill: focusPrefill(),
                        requirePublicText: true,
                        publicHint: t('hotspots.publicHint'),
                        title: t('hotspots.focusTitle', { n: index + 1 }),
                        autoFocusName: true,
                        onCreated: (area) => {
                          setFocusCell(null);
                          setCreated(area);
                          onAreaCreated(area);
                        },
                      })}
                    </Fragment>
                    <button
                      type="button"
                      className="btn btn-ghost btn-small"
                      onClick={() => {
                        setFocusCell(null);
                        onCancelFocus();
                      }}
                      data-testid="hotspot-focus-cancel"
                    >
                      {t('res.cancel')}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ol>
        )}
        {!canCreate && <p className="muted small">{t('hotspots.readOnly')}</p>}
      </div>
    </aside>
  );
}
