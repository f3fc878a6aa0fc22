import { useMemo, useState } from 'react';
import type { ClientConfig } from '../../../server/protocol/api';
import type { FocusArea } from '../../../server/protocol/dispatch';
import type { ForecastCell } from '../../../server/protocol/forecast';
import { errorMessage } from '../../shared/api/refusal';
import { useCan } from '../../shared/auth/useCan';
import { useForecast } from '../api/history';
import { type DrawControl, NewAreaForm } from '../dispatch/NewAreaForm';
import { type MessageKey, formatDateTime, useI18n } from '../i18n';
import { HistoryMap } from './HistoryMap';

type Kind = 'report' | 'signal';
const FOCUS_DAYS = 7;
const NOOP = () => undefined;
const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** The expected count shown for a cell: the whole week's, or one weekday × hour slot's. */
function shownValue(cell: ForecastCell, kind: Kind, slot: number | null): number {
  return slot === null ? cell.weekTotal[kind] : (cell.expected[kind][slot] ?? 0);
}

function peakSlot(cell: ForecastCell, kind: Kind): number {
  const e = cell.expected[kind];
  let best = 0;
  for (let s = 1; s < e.length; s++) if ((e[s] ?? 0) > (e[best] ?? 0)) best = s;
  return best;
}

/** The cell's outline as the focus-area form's corners (the closing point left out). */
function drawOf(cell: ForecastCell): DrawControl {
  return { points: cell.boundary.slice(0, -1), active: false, error: null, start: NOOP, cancel: NOOP };
}

/**
 * Voorspelling (hotspot forecast): per H3 cell the expected reports or signals for the coming week or for one
 * weekday × hour, as a heat layer and a list, with the model and its back-test in words (server/domain/forecast.ts).
 * From a row, the police coordinator or shift lead makes a focus area with the cell as its polygon (the tasking
 * form, the same command as from the map and the hotspots).
 */
export function ForecastView({ config, onClose }: { config: ClientConfig; onClose: () => void }) {
  const { t, text, locale } = useI18n();
  const query = useForecast();
  const canCreate = useCan('tasking.write');
  const [kind, setKind] = useState<Kind>('report');
  const [day, setDay] = useState<number | null>(null);
  const [hour, setHour] = useState(20);
  const [selected, setSelected] = useState<string | null>(null);
  const [focusCell, setFocusCell] = useState<string | null>(null);
  const [created, setCreated] = useState<FocusArea | null>(null);
  const slot = day === null ? null : day * 24 + hour;
  const data = query.data;

  const cells = useMemo(() => {
    const list = [...(data?.cells ?? [])];
    list.sort((a, b) => shownValue(b, kind, slot) - shownValue(a, kind, slot) || a.cell.localeCompare(b.cell));
    return list;
  }, [data, kind, slot]);
  const max = Math.max(1e-9, ...cells.map((c) => shownValue(c, kind, slot)));
  const features = useMemo<GeoJSON.FeatureCollection>(
    () => ({
      type: 'FeatureCollection',
      features: cells.map((c) => ({
        type: 'Feature',
        id: c.cell,
        geometry: { type: 'Polygon', coordinates: [c.boundary] },
        properties: { cell: c.cell, heat: shownValue(c, kind, slot) / max, selected: c.cell === selected },
      })),
    }),
    [cells, kind, slot, max, selected],
  );
  const bounds = useMemo<[number, number, number, number] | null>(() => {
    const points = (data?.cells ?? []).flatMap((c) => c.boundary);
    if (points.length === 0) return null;
    const lngs = points.map((p) => p[0]);
    const lats = points.map((p) => p[1]);
    return [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)];
  }, [data]);
  const dayName = (s: number) => `${t(`forecast.day.${Math.floor(s / 24)}` as MessageKey)} ${String(s % 24).padStart(2, '0')}:00`;
  const fmt = (x: number) => x.toLocaleString(locale === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 2 });

  return (
    <div className="full-view history-view" role="dialog" aria-modal="true" aria-label={t('forecast.title')} data-testid="forecast-view">
      <div className="history-head">
        <h2>{t('forecast.title')}</h2>
        <div className="header-spacer" />
        <button type="button" className="btn btn-ghost" onClick={onClose} data-testid="forecast-close">
          {t('forecast.close')}
        </button>
      </div>
      {query.isPending && (
        <p className="muted">
          <span className="spinner" aria-hidden="true" /> {t('forecast.loading')}
        </p>
      )}
      {query.isError && (
        <p className="error" role="alert">
          {t('forecast.error', { message: errorMessage(query.error, text) })}
        </p>
      )}
      {data && (
        <>
          <p className="muted small" data-testid="forecast-model">
            {t('forecast.model', { weeks: data.weeks, alpha: data.model.shrinkageWeeks })}{' '}
            {t('forecast.backTest', {
              weeks: data.backTest[kind].weeksTested,
              mae: fmt(data.backTest[kind].mae),
              naive: fmt(data.backTest[kind].naiveMae),
            })}{' '}
            ({formatDateTime(data.from, locale)} – {formatDateTime(data.until, locale)})
          </p>
          <div className="replay-controls">
            <label>
              {t('forecast.kind')}{' '}
              <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} data-testid="forecast-kind">
                <option value="report">{t('forecast.kind.report')}</option>
                <option value="signal">{t('forecast.kind.signal')}</option>
              </select>
            </label>
            <label>
              {t('forecast.slot')}{' '}
              <select value={day ?? ''} onChange={(e) => setDay(e.target.value === '' ? null : Number(e.target.value))} data-testid="forecast-day">
                <option value="">{t('forecast.slot.week')}</option>
                {[0, 1, 2, 3, 4, 5, 6].map((d) => (
                  <option key={d} value={d}>
                    {t(`forecast.day.${d}` as MessageKey)}
                  </option>
                ))}
              </select>
            </label>
            {day !== null && (
              <select value={hour} onChange={(e) => setHour(Number(e.target.value))} aria-label={t('forecast.slot')} data-testid="forecast-hour">
                {HOURS.map((h) => (
                  <option key={h} value={h}>
                    {String(h).padStart(2, '0')}:00
                  </option>
                ))}
              </select>
            )}
            {created && (
              <span className="notice" role="status" data-testid="forecast-created">
                {t('forecast.created', { name: created.name })}
              </span>
            )}
          </div>
          <div className="history-body">
            <div className="history-lists">
              {cells.length === 0 && <p className="muted">{t('forecast.empty', { weeks: data.weeks })}</p>}
              {data.cellCount > cells.length && <p className="muted small">{t('forecast.more', { n: cells.length, total: data.cellCount })}</p>}
              <table className="history-table" data-testid="forecast-list">
                <thead>
                  <tr>
                    <th>#</th>
                    <th>{t('forecast.cell')}</th>
                    <th>{t('forecast.expected')}</th>
                    <th>{t('forecast.peak')}</th>
                    <th>{t('forecast.error.cell')}</th>
                    <th>{t('forecast.history', { weeks: data.weeks })}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {cells.map((c, i) => (
                    <tr
                      key={c.cell}
                      className={c.cell === selected ? 'selected' : undefined}
                      onClick={() => setSelected(c.cell)}
                      data-testid="forecast-row"
                      data-cell={c.cell}
                    >
                      <td>{i + 1}</td>
                      <td className="mono small">{c.cell}</td>
                      <td data-testid="forecast-value">{fmt(shownValue(c, kind, slot))}</td>
                      <td>{dayName(peakSlot(c, kind))}</td>
                      <td>
                        {fmt(c.backTest[kind].mae)} / {fmt(c.backTest[kind].naiveMae)}
                      </td>
                      <td>{c.history[kind]}</td>
                      <td>
                        {canCreate && focusCell !== c.cell && (
                          <button
                            type="button"
                            className="btn btn-small"
                            onClick={(e) => {
                              e.stopPropagation();
                              setCreated(null);
                              setFocusCell(c.cell);
                              setSelected(c.cell);
                            }}
                            data-testid="forecast-to-focus"
                          >
                            {t('forecast.toFocus')}
                          </button>
                        )}
                        {canCreate && focusCell === c.cell && (
                          <div className="hotspot-focus" data-testid="forecast-focus-form">
                            <NewAreaForm
                              draw={drawOf(c)}
                              prefill={{ startsAt: new Date(), endsAt: new Date(Date.now() + FOCUS_DAYS * 86_400_000) }}
                              requirePublicText
                              publicHint={t('forecast.publicHint')}
                              title={t('forecast.focusTitle', { n: i + 1 })}
                              autoFocusName
                              onCreated={(area) => {
                                setFocusCell(null);
                                setCreated(area);
                              }}
                            />
                            <button type="button" className="btn btn-ghost btn-small" onClick={() => setFocusCell(null)}>
                              {t('forecast.cancel')}
                            </button>
                          </div>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <HistoryMap config={config} cells={features} onCellClick={setSelected} bounds={bounds} />
          </div>
        </>
      )}
    </div>
  );
}
