import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { isAllowed } from '../../../server/domain/permissions';
import type { UnitActor } from '../../../server/domain/unit-status';
import type { QueueRow } from '../../../server/protocol/report-queue';
import { errorMessage } from '../../shared/api/refusal';
import { localDate } from '../../shared/time/calendar';
import { useClock } from '../../shared/time/useClock';
import { useTasking, useUnits } from '../api/dispatchQueries';
import { useI18n } from '../i18n';
import { Loading } from '../ui/Loading';
import { useDispatchContext } from './commands';
import { byCallsign } from './format';
import { UnitActions } from './UnitActions';
import { UNIT_ROW_HEIGHT, UnitRow, type UnitTasking } from './UnitRow';

interface UnitsBoardProps {
  reports: ReadonlyMap<string, QueueRow>;
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
 * ↑/↓ choose, Enter shows the unit on the map, Space opens the status actions, A asks the unit's nearest address.
 */
export function UnitsBoard({ reports, selectedUnitId, onSelectUnit, onFocusUnit, onOpenReport, scrollRequest }: UnitsBoardProps) {
  const { t, text } = useI18n();
  const { role } = useDispatchContext();
  const query = useUnits(true);
  const { now } = useClock(1000);
  const today = localDate(now);
  const tasking = useTasking(today, true);
  const [expanded, setExpanded] = useState(true);
  const [actionsFor, setActionsFor] = useState<string | null>(null);
  const [addressAsk, setAddressAsk] = useState<{ id: string; n: number } | null>(null);

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
    } else if (event.key === 'a' || event.key === 'A') {
      event.preventDefault();
      event.stopPropagation();
      const id = units[index]!.id;
      setAddressAsk((was) => ({ id, n: (was?.n ?? 0) + 1 }));
    }
  };

  const actionsUnit = actionsFor ? units.find((u) => u.id === actionsFor) : undefined;
  // Status changes from the board go with directing units (the unit status table says which ones).
  const canAct = isAllowed('dispatch.offer', role);

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
        <p className="form-error">{t('units.error', { message: errorMessage(query.error, text) })}</p>
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
                  askAddress={addressAsk?.id === unit.id ? addressAsk.n : 0}
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
