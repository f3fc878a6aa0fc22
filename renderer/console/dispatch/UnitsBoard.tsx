import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { allowedUnitTransitions, type UnitActor } from '../../../server/domain/unit-status';
import type { Assignment, TaskingEntry, Unit, UnitStatus } from '../../../server/protocol/dispatch';
import type { Report } from '../../../server/protocol/report';
import { useTasking, useUnits } from '../api/dispatchQueries';
import { Loading } from '../ui/Loading';
import { useNow } from '../../shared/time/useNow';
import { formatDateTime, useI18n } from '../i18n';
import { localDate } from '../../shared/time/calendar';
import { commandErrorText } from './commandErrors';
import { newCommandId, useDispatchContext, useHubCommand } from './commands';
import { byCallsign, fixAgeMs, formatDuration, isStale, sinceMs } from './format';

export const UNIT_ROW_HEIGHT = 44;

const UNIT_ACTOR_ROLES: ReadonlySet<string> = new Set(['dispatcher', 'shift_lead', 'police_coordinator']);

export interface UnitTasking {
  areaName: string;
  shift: TaskingEntry['shift'];
}

interface UnitsBoardProps {
  reports: ReadonlyMap<string, Report>;
  selectedUnitId: string | null;
  onSelectUnit: (id: string) => void;
  /** Centre the map on the unit (Enter, or a click on the row). */
  onFocusUnit: (id: string) => void;
  onOpenReport: (id: string) => void;
  /** Bumped to scroll the selected unit into view (a click on the map). */
  scrollRequest: { id: string; n: number } | null;
}

/**
 * Every unit with status, time in status, current report, last position age and today's area. A listbox:
 * ↑/↓ choose, Enter shows the unit on the map, Space opens the status actions.
 */
export function UnitsBoard({ reports, selectedUnitId, onSelectUnit, onFocusUnit, onOpenReport, scrollRequest }: UnitsBoardProps) {
  const { t } = useI18n();
  const { role } = useDispatchContext();
  const query = useUnits(true);
  const now = useNow(1000);
  const today = localDate(now);
  const tasking = useTasking(today, true);
  const [expanded, setExpanded] = useState(true);
  const [actionsFor, setActionsFor] = useState<string | null>(null);

  const units = useMemo(() => [...(query.data?.units ?? [])].sort(byCallsign), [query.data?.units]);
  const available = units.filter((u) => u.status === 'beschikbaar').length;
  const areasByUnit = useMemo(() => {
    const map = new Map<string, UnitTasking[]>();
    for (const { entry, area } of tasking.data?.tasking ?? []) {
      const list = map.get(entry.unitId) ?? [];
      list.push({ areaName: area.name, shift: entry.shift });
      map.set(entry.unitId, list);
    }
    return map;
  }, [tasking.data]);

  const scrollRef = useRef<HTMLDivElement | null>(null);
  const virtualizer = useVirtualizer({
    count: units.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => UNIT_ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => units[index]?.id ?? index,
  });
  const latest = useRef({ units, virtualizer });
  latest.current = { units, virtualizer };
  useEffect(() => {
    if (!scrollRequest) return;
    setExpanded(true);
    const index = latest.current.units.findIndex((u) => u.id === scrollRequest.id);
    if (index >= 0) latest.current.virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [scrollRequest]);

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const index = units.findIndex((u) => u.id === selectedUnitId);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      // The queue listens for arrows on the document; here they belong to the board.
      event.preventDefault();
      event.stopPropagation();
      if (units.length === 0) return;
      const next = index < 0 ? 0 : Math.min(units.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)));
      const id = units[next]!.id;
      onSelectUnit(id);
      virtualizer.scrollToIndex(next, { align: 'auto' });
      return;
    }
    if (index < 0) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      event.stopPropagation();
      onFocusUnit(units[index]!.id);
    } else if (event.key === ' ') {
      event.preventDefault();
      event.stopPropagation();
      setActionsFor((open) => (open === units[index]!.id ? null : units[index]!.id));
    }
  };

  const actionsUnit = actionsFor ? units.find((u) => u.id === actionsFor) : undefined;
  const canAct = UNIT_ACTOR_ROLES.has(role);

  let body: React.ReactNode;
  if (query.isPending) {
    body = (
      <div className="queue-status">
        <Loading label={t('units.loading')} />
      </div>
    );
  } else if (query.isError) {
    body = (
      <div className="queue-status" role="alert">
        <p className="form-error">{t('units.error', { message: query.error.message })}</p>
        <button type="button" className="btn" onClick={() => void query.refetch()}>
          {t('app.retry')}
        </button>
      </div>
    );
  } else {
    body = (
      <div
        ref={scrollRef}
        className="units-scroll"
        role="listbox"
        tabIndex={0}
        aria-label={t('units.title')}
        aria-activedescendant={selectedUnitId ? `unit-row-${selectedUnitId}` : undefined}
        onKeyDown={onKeyDown}
        data-testid="units-list"
      >
        {units.length === 0 ? (
          <p className="queue-empty muted">{t('units.empty')}</p>
        ) : (
          <div className="queue-inner" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const unit = units[item.index];
              if (!unit) return null;
              return (
                <UnitRow
                  key={item.key}
                  unit={unit}
                  top={item.start}
                  now={now}
                  selected={unit.id === selectedUnitId}
                  report={unit.currentReportId ? reports.get(unit.currentReportId) : undefined}
                  areas={areasByUnit.get(unit.id)}
                  onClick={() => {
                    onSelectUnit(unit.id);
                    onFocusUnit(unit.id);
                  }}
                  onOpenReport={onOpenReport}
                  onToggleActions={() => setActionsFor((open) => (open === unit.id ? null : unit.id))}
                  actionsOpen={actionsFor === unit.id}
                  canAct={canAct}
                />
              );
            })}
          </div>
        )}
      </div>
    );
  }

  return (
    <section className={`units-board${expanded ? ' expanded' : ''}`} aria-label={t('units.title')} data-testid="units-board">
      <div className="panel-head">
        <h2>
          {t('units.title')}{' '}
          <span className="muted small" data-testid="units-count">
            {t('units.count', { available, total: units.length })}
          </span>
        </h2>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={() => setExpanded((e) => !e)}
          aria-expanded={expanded}
          title={t('units.toggle')}
          data-testid="units-toggle"
        >
          {expanded ? '▾' : '▸'}
        </button>
      </div>
      {expanded && body}
      {expanded && actionsUnit && canAct && (
        <UnitActions
          unit={actionsUnit}
          actor={role as UnitActor}
          assignments={query.data?.assignments ?? []}
          onClose={() => setActionsFor(null)}
        />
      )}
      {expanded && <p className="queue-keys muted small">{t('units.keys')}</p>}
    </section>
  );
}

interface UnitRowProps {
  unit: Unit;
  top: number;
  now: number;
  selected: boolean;
  report: Report | undefined;
  areas: UnitTasking[] | undefined;
  onClick: () => void;
  onOpenReport: (id: string) => void;
  onToggleActions: () => void;
  actionsOpen: boolean;
  canAct: boolean;
}

function UnitRow({
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
}: UnitRowProps) {
  const { t, locale } = useI18n();
  const fixAge = fixAgeMs(unit.position, now);
  const stale = isStale(unit.position, now);
  const fixText = fixAge === null ? '' : formatDuration(t, fixAge);
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
          {t(`unitStatus.${unit.status}`)}
        </span>
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

/** Status buttons for one unit, from the unit status table for the user's role. */
function UnitActions({
  unit,
  actor,
  assignments,
  onClose,
}: {
  unit: Unit;
  actor: UnitActor;
  assignments: readonly Assignment[];
  onClose: () => void;
}) {
  const { t } = useI18n();
  const run = useHubCommand();
  const [busy, setBusy] = useState<UnitStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const transitions = allowedUnitTransitions(unit.status, actor);
  const accepted = assignments.find((a) => a.unitId === unit.id && a.state === 'accepted');

  const go = async (to: UnitStatus) => {
    setBusy(to);
    setError(null);
    try {
      if (to === 'beschikbaar' && unit.status === 'onderweg' && accepted) {
        // Taking a unit off its way to a report is an unassignment (the report goes back to the queue).
        await run('assignment:unassign', {
          commandId: newCommandId(),
          assignmentId: accepted.id,
          reason: t('dispatch.unassignReason'),
        });
      } else {
        await run('unit:status', { commandId: newCommandId(), unitId: unit.id, status: to });
      }
      onClose();
    } catch (e) {
      setError(t('units.statusFailed', { message: commandErrorText(t, e) }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="unit-actions" data-testid="unit-actions" data-unit-id={unit.id}>
      <div className="unit-actions-head">
        <strong>{t('units.actions', { unit: unit.callsign })}</strong>
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
          {t('dispatch.cancel')}
        </button>
      </div>
      {transitions.length === 0 ? (
        <p className="muted small">{t('units.noActions')}</p>
      ) : (
        <div className="transition-buttons">
          {transitions.map((tr) => (
            <button
              key={tr.to}
              type="button"
              className="btn btn-small"
              disabled={busy !== null}
              onClick={() => void go(tr.to)}
              data-testid={`unit-status-${tr.to}`}
            >
              {busy === tr.to && <span className="spinner" aria-hidden="true" />}→ {t(`unitStatus.${tr.to}`)}
            </button>
          ))}
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
