import { Fragment, type ReactNode, useState } from 'react';
import type { FocusArea } from '../../../server/protocol/dispatch';
import type { SignalsBoardRow } from '../../../server/protocol/signals-board';
import { errorMessage } from '../../shared/api/refusal';
import { useCan } from '../../shared/auth/useCan';
import { ringCorners } from '../../shared/geo/ring';
import { useSignalsBoard } from '../api/shiftLead';
import { formatDateTime, useI18n } from '../i18n';
import type { FocusFormSpec } from '../intake/HotspotsPanel';
import { Loading } from '../ui/Loading';
import { SparkBars } from './SparkBars';
import './signalsBoard.css';

const FOCUS_DAYS = 28;
const WEEK_CHOICES = [8, 12, 26] as const;

function focusPrefill(): FocusFormSpec['prefill'] {
  const start = new Date();
  start.setMinutes(0, 0, 0);
  return { startsAt: start, endsAt: new Date(start.getTime() + FOCUS_DAYS * 86_400_000) };
}

interface SignalsBoardPanelProps {
  /** The row's boundary goes into the drawing shared with the map (it can still be redrawn there). */
  onStartFocus: (corners: [number, number][]) => void;
  /** The focus-area form of tasking, on that drawing (the same command as from the map's hotspots). */
  renderFocusForm: (form: FocusFormSpec) => ReactNode;
  onCancelFocus: () => void;
  onClose: () => void;
}

/**
 * Signalen: per neighbourhood and 7-day week, reports and signals (survey, social media) side by side as small bar
 * charts (uPlot), the rising ones marked and first (the rule is the hub's and is shown), and the focus areas that
 * answer them. "Aandachtsgebied" turns a row into a focus area with its public explanation, as from the map.
 */
export function SignalsBoardPanel({ onStartFocus, renderFocusForm, onCancelFocus, onClose }: SignalsBoardPanelProps) {
  const { t, text, locale } = useI18n();
  const [weeks, setWeeks] = useState<number>(8);
  const board = useSignalsBoard(weeks, true);
  const canCreate = useCan('tasking.write');
  const [focusRow, setFocusRow] = useState<string | null>(null);
  const [created, setCreated] = useState<FocusArea | null>(null);
  const data = board.data?.configured ? board.data : null;
  const max = data ? Math.max(1, ...data.rows.flatMap((r) => [...r.reports, ...r.survey.map((n, i) => n + (r.social[i] ?? 0))])) : 1;
  const chartLabel = (row: SignalsBoardRow, series: string, values: readonly number[]) => t('signalsBoard.chart', { name: row.name, series, values: values.join(', ') });

  return (
    <aside className="detail-panel signals-board-panel" aria-label={t('signalsBoard.title')} data-testid="signals-board">
      <div className="detail-head">
        <h2>{t('signalsBoard.title')}</h2>
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose} data-testid="signals-board-close">
          {t('detail.close')} <kbd>Esc</kbd>
        </button>
      </div>
      <div className="detail-body">
        <div className="field-row signals-board-controls">
          <label className="field">
            <span>{t('signalsBoard.weeks')}</span>
            <select value={weeks} onChange={(e) => setWeeks(Number(e.target.value))} data-testid="signals-board-weeks">
              {WEEK_CHOICES.map((w) => (
                <option key={w} value={w}>
                  {w}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="btn btn-small" onClick={() => void board.refetch()} disabled={board.isFetching}>
            {board.isFetching && <span className="spinner" aria-hidden="true" />}
            {t('signalsBoard.refresh')}
          </button>
        </div>
        {board.isPending && <Loading label={t('signalsBoard.loading')} />}
        {board.error && (
          <p className="field-error" role="alert">
            {t('signalsBoard.failed', { message: errorMessage(board.error, text) })}
          </p>
        )}
        {board.data && !board.data.configured && <p className="muted">{t('signalsBoard.notConfigured')}</p>}
        {data && (
          <>
            <p className="muted small" data-testid="signals-board-rule">
              {t('signalsBoard.rule', { min: data.rule.minimum, factor: String(data.rule.factor).replace('.', locale === 'nl' ? ',' : '.'), base: data.rule.baseWeeks })}
            </p>
            {created && (
              <p className="notice-ok small" role="status" data-testid="signals-board-created">
                {t('signalsBoard.created', { name: created.name })}
              </p>
            )}
            <table className="signals-board-table">
              <thead>
                <tr>
                  <th scope="col">{t('signalsBoard.col.hood')}</th>
                  <th scope="col">{t('signalsBoard.col.reports')}</th>
                  <th scope="col">{t('signalsBoard.col.signals')}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row) => {
                  const signals = row.survey.map((n, i) => n + (row.social[i] ?? 0));
                  const mean = (n: number) => n.toLocaleString(locale === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 });
                  return (
                    <Fragment key={row.id}>
                      <tr className={row.rising ? 'is-rising' : undefined} data-testid="signals-board-row" data-id={row.id} data-rising={row.rising}>
                        <th scope="row">
                          {row.name}
                          {row.rising && (
                            <span className="rising-badge" data-testid="signals-board-rising">
                              ▲ {t('signalsBoard.rising')}
                            </span>
                          )}
                        </th>
                        <td>
                          <SparkBars values={row.reports} rising={row.reportsRising} max={max} label={chartLabel(row, t('signalsBoard.col.reports'), row.reports)} />
                          <span className={`small${row.reportsRising ? ' rising-text' : ' muted'}`}>
                            {t('signalsBoard.thisWeek', { n: row.reports.at(-1) ?? 0, mean: mean(row.reportsBaseline) })}
                          </span>
                        </td>
                        <td>
                          <SparkBars values={signals} rising={row.signalsRising} max={max} label={chartLabel(row, t('signalsBoard.col.signals'), signals)} />
                          <span className={`small${row.signalsRising ? ' rising-text' : ' muted'}`}>
                            {t('signalsBoard.thisWeek', { n: signals.at(-1) ?? 0, mean: mean(row.signalsBaseline) })}{' '}
                            ({t('signalsBoard.split', { survey: row.survey.at(-1) ?? 0, social: row.social.at(-1) ?? 0 })})
                          </span>
                        </td>
                      </tr>
                      <tr className="signals-board-areas">
                        <td colSpan={3}>
                          <span className="muted small">{t('signalsBoard.col.areas')}: </span>
                          <span className="small" data-testid="signals-board-areas">
                            {row.focusAreas.length === 0
                              ? t('signalsBoard.noArea')
                              : row.focusAreas.map((a) => t('signalsBoard.areaUntil', { name: a.name, until: formatDateTime(a.endsAt, locale) })).join('; ')}
                          </span>
                          {canCreate && focusRow !== row.id && (
                            <button
                              type="button"
                              className="btn btn-small signals-board-focus"
                              onClick={() => {
                                setCreated(null);
                                setFocusRow(row.id);
                                onStartFocus(ringCorners(row.boundary));
                              }}
                              data-testid="signals-board-to-focus"
                            >
                              {t('signalsBoard.toFocus')}
                            </button>
                          )}
                          {canCreate && focusRow === row.id && (
                            <div className="hotspot-focus" data-testid="signals-board-focus-form">
                              {renderFocusForm({
                                prefill: focusPrefill(),
                                requirePublicText: true,
                                publicHint: t('hotspots.publicHint'),
                                title: t('signalsBoard.focusTitle', { name: row.name }),
                                autoFocusName: true,
                                onCreated: (area) => {
                                  setFocusRow(null);
                                  setCreated(area);
                                  void board.refetch();
                                },
                              })}
                              <button
                                type="button"
                                className="btn btn-ghost btn-small"
                                onClick={() => {
                                  setFocusRow(null);
                                  onCancelFocus();
                                }}
                              >
                                {t('res.cancel')}
                              </button>
                            </div>
                          )}
                        </td>
                      </tr>
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
            <p className="muted small" data-testid="signals-board-outside">
              {t('signalsBoard.outside')}: {t('signalsBoard.col.reports')} {data.outside.reports.at(-1) ?? 0},{' '}
              {t('signalsBoard.col.signals')} {(data.outside.survey.at(-1) ?? 0) + (data.outside.social.at(-1) ?? 0)}
            </p>
          </>
        )}
      </div>
    </aside>
  );
}
