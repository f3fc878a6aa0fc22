import type { TaskingEntry, Unit } from '../../../server/protocol/dispatch';
import type { QueueRow } from '../../../server/protocol/report-queue';
import { NearestAddressButton } from '../address/NearestAddressButton';
import { formatDateTime, useI18n } from '../i18n';
import { fixAgeMs, isStale } from '../ui/fixAge';
import { formatDuration, sinceMs } from './format';
import { showsNoPosition, useNoFixMinutes } from './safety';

export const UNIT_ROW_HEIGHT = 44;

export interface UnitTasking {
  areaName: string;
  shift: TaskingEntry['shift'];
}

interface UnitRowProps {
  unit: Unit;
  top: number;
  now: number;
  selected: boolean;
  report: QueueRow | undefined;
  areas: UnitTasking[] | undefined;
  onClick: () => void;
  onOpenReport: (id: string) => void;
  onToggleActions: () => void;
  actionsOpen: boolean;
  canAct: boolean;
  /** Bumped when the dispatcher presses "a" on this row: look up its nearest address. */
  askAddress: number;
}

/** One unit on the board: status and time in it, current report, today's areas, age of the last fix. */
export function UnitRow({
  unit,
  top,
  now,
  selected,
  report,
  areas,
  onClick,
  onOpenReport,
  onToggleActions,
  actionsOpen,
  canAct,
  askAddress,
}: UnitRowProps) {
  const { t, locale } = useI18n();
  const fixAge = fixAgeMs(unit.position, now);
  const stale = isStale(unit.position, now);
  const fixText = fixAge === null ? '' : formatDuration(t, fixAge);
  const noFixMinutes = useNoFixMinutes();
  const noPosition = showsNoPosition(unit, now, noFixMinutes);
  return (
    <div
      id={`unit-row-${unit.id}`}
      role="option"
      aria-selected={selected}
      tabIndex={-1}
      className={`unit-row unit-${unit.status}${selected ? ' selected' : ''}`}
      style={{ transform: `translateY(${top}px)`, height: UNIT_ROW_HEIGHT }}
      data-testid="unit-row"
      data-unit-id={unit.id}
      data-callsign={unit.callsign}
      data-status={unit.status}
      data-stale={stale ? 'true' : 'false'}
      data-no-position={noPosition ? 'true' : 'false'}
      onClick={onClick}
      onKeyDown={(e) => {
        if (e.key !== ' ') return;
        e.preventDefault();
        e.stopPropagation();
        onToggleActions();
      }}
    >
      <div className="row-line">
        <span className="unit-callsign" data-testid="unit-callsign">
          {unit.callsign}
        </span>
        <span className="unit-kind muted" title={t(`unitKind.${unit.kind}`)}>
          {t(`unitKindShort.${unit.kind}`)} · {t('units.officers', { n: unit.officerCount })}
        </span>
        <span className="row-spacer" />
        <span className={`unit-status-pill unit-status-${unit.status}`} data-testid="unit-status">
          {t(`unit.status.${unit.status}`)}
        </span>
        {noPosition && (
          <span className="unit-no-position" title={t('units.noPositionTitle', { minutes: noFixMinutes })} data-testid="unit-no-position">
            {t('units.noPosition')}
          </span>
        )}
        <span
          className="unit-since"
          title={t('units.sinceTitle', { time: formatDateTime(unit.statusSince, locale) })}
          data-testid="unit-since"
        >
          {formatDuration(t, sinceMs(unit.statusSince, now))}
        </span>
      </div>
      <div className="row-line row-sub">
        {report ? (
          <button
            type="button"
            className="link-button unit-report"
            tabIndex={-1}
            onClick={(e) => {
              e.stopPropagation();
              onOpenReport(report.id);
            }}
            title={t('units.openReport', { number: report.number })}
            data-testid="unit-report"
          >
            {report.number}
          </button>
        ) : (
          <span className="muted unit-report" data-testid="unit-report">
            {unit.currentReportId ? '…' : '—'}
          </span>
        )}
        {areas?.map((a) => (
          <span key={`${a.areaName}-${a.shift}`} className="unit-area" data-testid="unit-area">
            {t('units.area', { area: a.areaName, shift: t(`shift.${a.shift}`) })}
          </span>
        ))}
        <span className="row-spacer" />
        <NearestAddressButton position={unit.position} askRequest={askAddress} />
        <span
          className={`unit-fix${stale ? ' stale' : ''}`}
          title={
            fixAge === null
              ? t('units.noFix')
              : t(stale ? 'units.fixStale' : 'units.fixTitle', { age: formatDuration(t, fixAge) })
          }
          data-testid="unit-fix-age"
        >
          {fixAge === null ? t('units.noFix') : t('units.fixShort', { age: fixText })}
        </span>
        {canAct && (
          <button
            type="button"
            className="link-button unit-actions-toggle"
            tabIndex={-1}
            aria-expanded={actionsOpen}
            aria-label={t('units.actions', { unit: unit.callsign })}
            onClick={(e) => {
              e.stopPropagation();
              onToggleActions();
            }}
            data-testid="unit-actions-toggle"
          >
            ⋯
          </button>
        )}
      </div>
    </div>
  );
}
