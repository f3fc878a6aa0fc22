import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { DEFAULT_SHIFTS, type ShiftSettings } from '../../../server/domain/shifts';
import { type PeriodKind, PERIOD_KINDS, periodAt } from '../../../server/domain/kpi-periods';
import type { ClientConfig } from '../../../server/protocol/api';
import type { StatsAnswer, StatsGrouping } from '../../../server/protocol/stats';
import { errorMessage } from '../../shared/api/refusal';
import { useCan } from '../../shared/auth/useCan';
import { downloadStats, useStats } from '../api/stats';
import { useI18n } from '../i18n';
import { formatKpi, GROUP_LINES, KPI_LINES, type KpiLine } from './kpiRows';
import { TrendLine } from './TrendLine';
import './kpi.css';

/**
 * The shift lead's KPIs against targets (issue 14 point 2): a period (shift, day, week, month in the control room's
 * time zone, shift times as set for the safety timers), its figures with the targets and a trend line over the 6
 * periods before, optionally per category, neighbourhood or team, and the CSV/XLSX export. Full screen over the
 * console; keyboard: ←/→ period, 1–4 period kind, Esc closes.
 */

const TREND_PERIODS = 6;
const GROUPINGS: (StatsGrouping | null)[] = [null, 'category', 'neighbourhood', 'team'];

function shiftsOf(config: ClientConfig): ShiftSettings {
  const s = config.safety?.shifts;
  return s ? { starts: { vroeg: s.vroeg, laat: s.laat, nacht: s.nacht }, timeZone: s.timeZone } : DEFAULT_SHIFTS;
}

export function KpiButton({ onOpen }: { onOpen: () => void }) {
  const { t } = useI18n();
  if (!useCan('stats.read')) return null;
  return (
    <button type="button" className="btn" onClick={onOpen} aria-haspopup="dialog" data-testid="kpi-open">
      {t('kpi.open')}
    </button>
  );
}

export function KpiView({ config, onClose }: { config: ClientConfig; onClose: () => void }) {
  const { t, text, locale } = useI18n();
  const id = useId();
  const shifts = shiftsOf(config);
  const [kind, setKind] = useState<PeriodKind>('day');
  const [anchor, setAnchor] = useState(() => Date.now());
  const [by, setBy] = useState<StatsGrouping | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const period = useMemo(() => periodAt(kind, new Date(anchor), shifts), [kind, anchor, shifts]);
  // The period's figures first (fast); the trend (6 periods more) in a second request.
  const current = useStats(period, by, 0, locale);
  const trend = useStats(period, null, TREND_PERIODS, locale);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => root.current?.focus(), []);

  const step = (direction: -1 | 1) => {
    const edge = direction < 0 ? Date.parse(period.from) - 1 : Date.parse(period.to);
    setAnchor(edge);
  };
  const onKey = (e: React.KeyboardEvent) => {
    if ((e.target as HTMLElement).closest('select')) return;
    if (e.key === 'Escape') onClose();
    else if (e.key === 'ArrowLeft') step(-1);
    else if (e.key === 'ArrowRight') step(1);
    else if (['1', '2', '3', '4'].includes(e.key)) setKind(PERIOD_KINDS[Number(e.key) - 1] ?? 'day');
    else return;
    e.preventDefault();
  };
  const exportAs = async (format: 'csv' | 'xlsx') => {
    setExporting(true);
    setExportError(null);
    try {
      await downloadStats(period, by, format, locale);
    } catch (err) {
      setExportError(t('kpi.exportFailed', { message: (err as Error).message }));
    } finally {
      setExporting(false);
    }
  };
  const dateTime = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', {
    timeZone: shifts.timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });

  return (
    <div
      ref={root}
      className="full-view kpi-view"
      role="dialog"
      aria-modal="true"
      aria-labelledby={`${id}-title`}
      tabIndex={-1}
      onKeyDown={onKey}
      data-testid="kpi-view"
    >
      <header className="kpi-head">
        <h2 id={`${id}-title`}>{t('kpi.title')}</h2>
        <label>
          {t('kpi.period')}{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as PeriodKind)} data-testid="kpi-period-kind">
            {PERIOD_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kpi.period.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn" onClick={() => step(-1)} aria-label={t('kpi.previous')} data-testid="kpi-previous">
          ←
        </button>
        <span className="kpi-range" data-testid="kpi-range">
          {dateTime.format(new Date(period.from))} – {dateTime.format(new Date(period.to))}
        </span>
        <button type="button" className="btn" onClick={() => step(1)} aria-label={t('kpi.next')}>
          →
        </button>
        <button type="button" className="btn" onClick={() => setAnchor(Date.now())}>
          {t('kpi.now')}
        </button>
        <label>
          {t('kpi.by')}{' '}
          <select value={by ?? ''} onChange={(e) => setBy((e.target.value || null) as StatsGrouping | null)} data-testid="kpi-by">
            {GROUPINGS.map((g) => (
              <option key={g ?? 'none'} value={g ?? ''}>
                {t(`kpi.by.${g ?? 'none'}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn" disabled={exporting} onClick={() => exportAs('csv')} data-testid="kpi-export-csv">
          {t('kpi.exportCsv')}
        </button>
        <button type="button" className="btn" disabled={exporting} onClick={() => exportAs('xlsx')} data-testid="kpi-export-xlsx">
          {t('kpi.exportXlsx')}
        </button>
        <button type="button" className="btn kpi-close" onClick={onClose}>
          {t('kpi.close')}
        </button>
      </header>
      <p className="muted kpi-keys">{t('kpi.keys')}</p>
      {exportError && <p role="alert">{exportError}</p>}
      {current.isPending && (
        <p className="muted" role="status">
          {t('kpi.loading')}
        </p>
      )}
      {current.isError && <p role="alert">{t('kpi.error', { message: errorMessage(current.error, text) })}</p>}
      {current.data && <KpiTable answer={current.data} trend={trend.data} trendLoading={trend.isPending} />}
      {current.data && by && <GroupTable answer={current.data} />}
    </div>
  );
}

function KpiTable({ answer, trend, trendLoading }: { answer: StatsAnswer; trend: StatsAnswer | undefined; trendLoading: boolean }) {
  const { t, locale } = useI18n();
  const targetOf = (line: KpiLine) => (line.target ? answer.targets[line.target] : undefined);
  return (
    <table className="kpi-table" data-testid="kpi-table">
      <thead>
        <tr>
          <th scope="col">{t('kpi.col.kpi')}</th>
          <th scope="col">{t('kpi.col.value')}</th>
          <th scope="col">{t('kpi.col.p90')}</th>
          <th scope="col">{t('kpi.col.count')}</th>
          <th scope="col">{t('kpi.col.target')}</th>
          <th scope="col">{t('kpi.col.trend')}</th>
        </tr>
      </thead>
      <tbody>
        {KPI_LINES.map((line) => {
          const value = line.value(answer.total);
          const target = targetOf(line);
          const met = target === undefined || value === null ? null : value >= target;
          const values = trend ? [...trend.trend.map((p) => line.value(p.kpis)), value] : [];
          return (
            <tr key={line.key} data-kpi={line.key} className={met === null ? '' : met ? 'kpi-met' : 'kpi-missed'}>
              <th scope="row">{t(line.label)}</th>
              <td className="num" data-testid={`kpi-value-${line.key}`}>
                {formatKpi(t, locale, line.format, value)}
                {met !== null && <span className="kpi-flag"> {met ? `✓ ${t('kpi.met')}` : `✗ ${t('kpi.missed')}`}</span>}
              </td>
              <td className="num">{line.p90 ? formatKpi(t, locale, line.format, line.p90(answer.total)) : ''}</td>
              <td className="num">{line.count(answer.total).toLocaleString(locale)}</td>
              <td className="num">{target === undefined ? '' : formatKpi(t, locale, 'share', target)}</td>
              <td>
                {trend ? (
                  <TrendLine
                    values={values}
                    target={target}
                    label={values.map((v) => formatKpi(t, locale, line.format, v)).join(' → ')}
                  />
                ) : trendLoading ? (
                  <span className="muted">{t('kpi.trendLoading')}</span>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function GroupTable({ answer }: { answer: StatsAnswer }) {
  const { t, locale } = useI18n();
  if (answer.groups.length === 0) return <p className="muted">{t('kpi.noGroups')}</p>;
  return (
    <div className="kpi-groups">
      <table className="kpi-table" data-testid="kpi-groups">
        <thead>
          <tr>
            <th scope="col">{t('kpi.col.group')}</th>
            {GROUP_LINES.map((line) => (
              <th scope="col" key={line.key}>
                {t(line.label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {answer.groups.map((group) => (
            <tr key={group.key} data-group={group.key}>
              <th scope="row">{group.label}</th>
              {GROUP_LINES.map((line) => {
                const value = line.value(group.kpis);
                const target = line.target ? answer.targets[line.target] : undefined;
                const missed = target !== undefined && value !== null && value < target;
                return (
                  <td key={line.key} className={`num${missed ? ' kpi-missed' : ''}`}>
                    {formatKpi(t, locale, line.format, value)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
