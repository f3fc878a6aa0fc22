import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ClientConfig } from '../../../server/protocol/api';
import type { FocusArea } from '../../../server/protocol/dispatch';
import type { HubEvent } from '../../../server/protocol/events';
import type { Hotspot, HotspotsBy } from '../../../server/protocol/intake';
import type { Category, Report } from '../../../server/protocol/report';
import { ApiRequestError, type Session } from '../../shared/api/client';
import type { UnitsSnapshot } from '../api/dispatch';
import { dispatchKeys, useAlerts, useTasking } from '../api/dispatchQueries';
import { useHotspots, useSignals } from '../api/intake';
import { useCategories, useFailedMessages, useOpenReports } from '../api/queries';
import { notifyDesktop } from '../../shared/bridge';
import { AlertBanner, alertPosition } from '../dispatch/AlertBanner';
import { DispatchContext } from '../dispatch/commands';
import { boundsOf, type DrawControl, TaskingPanel } from '../dispatch/TaskingPanel';
import { UnitsBoard } from '../dispatch/UnitsBoard';
import { makeTranslate, useI18n } from '../i18n';
import { boundaryBounds, HotspotsPanel, ringCorners } from '../intake/HotspotsPanel';
import { MapLayersControl } from '../map/MapLayersControl';
import { SignalsImportDialog } from '../intake/SignalsImportDialog';
import { OutboxPanel } from '../lifecycle/OutboxPanel';
import { ReportDetailPanel } from '../lifecycle/ReportDetailPanel';
import {
  countByStatusFilter,
  matchesStatusFilter,
  QUEUE_STATUS_FILTERS,
  type QueueStatusFilter,
} from '../lifecycle/rules';
import { localDate } from '../../shared/time/calendar';
import { useLiveConnection } from '../live/useLiveConnection';
import { type MapFocusRequest, MapView } from '../map/MapView';
import { Header } from './Header';
import { Loading } from '../ui/Loading';
import { type DraftLocation, NewReportForm } from '../intake/NewReportForm';
import { categoryName, locationText, QueueList, type ScrollRequest } from '../queue/QueueList';
import { useClock } from '../ui/useClock';

const CAN_CREATE = new Set(['dispatcher', 'shift_lead', 'admin']);
const READS_OUTBOX = new Set(['dispatcher', 'shift_lead', 'admin']);
const RETRIES_OUTBOX = new Set(['shift_lead', 'admin']);
const NOTIFY_PRIORITIES = new Set(['urgent', 'high']);
/** Roles that see units, alerts and tasking (server permission `dispatch.read`). */
const READS_DISPATCH = new Set(['dispatcher', 'shift_lead', 'police_coordinator', 'admin']);
/** Server permission `signals.import`. */
const IMPORTS_SIGNALS = new Set(['dispatcher', 'shift_lead', 'admin']);
/** Signals and hotspots are read with `report.list`. */
const READS_OVERLAYS = new Set(['dispatcher', 'shift_lead', 'police_coordinator', 'admin']);
const NO_AREAS: readonly FocusArea[] = [];
const NO_POINTS: readonly [number, number][] = [];
const EMPTY_LOCATION: DraftLocation = { lat: '', lng: '' };

/** Sequence numbers that make repeated requests (centre the same report twice) distinct. */
let requestCounter = 0;
const next = () => ++requestCounter;

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function ConsoleScreen({ session, config }: { session: Session; config: ClientConfig }) {
  const { t, locale } = useI18n();
  const reportsQuery = useOpenReports(true);
  const categoriesQuery = useCategories(true);

  const categories = useMemo(
    () => new Map<string, Category>((categoriesQuery.data?.categories ?? []).map((c) => [c.code, c])),
    [categoriesQuery.data],
  );
  const categoriesRef = useRef(categories);
  categoriesRef.current = categories;

  // New urgent/high reports and dispatch alerts reach the desktop shell as native notifications.
  const onLiveEvent = useCallback((event: HubEvent) => {
    if (event.type === 'alert.raised') {
      const tr = makeTranslate(localeRef.current);
      notifyDesktop(tr('notify.alert', { kind: tr(`alerts.kind.${event.alert.kind}`) }), event.alert.message);
      return;
    }
    if (event.type !== 'report.created' || !NOTIFY_PRIORITIES.has(event.report.priority)) return;
    const tr = makeTranslate(localeRef.current);
    const r = event.report;
    notifyDesktop(
      tr('notify.newReport', { priority: tr(`priority.${r.priority}`) }),
      `${r.number} · ${categoryName(categoriesRef.current, r.category, localeRef.current)} · ${locationText(r)}`,
    );
  }, []);
  const localeRef = useRef(locale);
  localeRef.current = locale;

  const live = useLiveConnection(session.token, reportsQuery.data?.seq, onLiveEvent);
  // Without a snapshot there is no live stream either.
  const connection = reportsQuery.isError ? 'offline' : live.state;
  const role = session.user.role;
  const dispatchContext = useMemo(() => ({ socket: live.socket, role }), [live.socket, role]);
  const readsDispatch = READS_DISPATCH.has(role);

  // ---- queue: newest first, filtered ----
  const [filterText, setFilterText] = useState('');
  const [filterCategory, setFilterCategory] = useState('');
  const [statusFilter, setStatusFilter] = useState<QueueStatusFilter>('all');
  // "vervolg vandaag" and SLA badges depend on the time: re-read on a tick and whenever the filter changes.
  const { now, refresh: refreshNow } = useClock(30_000);
  const today = localDate(now);
  const sorted = useMemo(() => {
    const reports = reportsQuery.data?.reports ?? [];
    return reports
      .map((r) => ({ r, at: Date.parse(r.createdAt) }))
      .sort((a, b) => b.at - a.at || b.r.number.localeCompare(a.r.number))
      .map((x) => x.r);
  }, [reportsQuery.data]);
  const statusCounts = useMemo(() => countByStatusFilter(sorted, today), [sorted, today]);
  const visible = useMemo(() => {
    const needle = filterText.trim().toLowerCase();
    if (!needle && !filterCategory && statusFilter === 'all') return sorted;
    return sorted.filter((r) => {
      if (!matchesStatusFilter(r, statusFilter, today)) return false;
      if (filterCategory && r.category !== filterCategory) return false;
      if (!needle) return true;
      const category = categories.get(r.category);
      const haystack = [
        r.number,
        r.description,
        r.address ?? '',
        r.category,
        category?.nameNl ?? '',
        category?.nameEn ?? '',
        t(`status.${r.status}`),
        t(`priority.${r.priority}`),
      ]
        .join(' ')
        .toLowerCase();
      return haystack.includes(needle);
    });
  }, [sorted, filterText, filterCategory, statusFilter, today, categories, t]);
  const reportsById = useMemo(() => new Map(sorted.map((r) => [r.id, r])), [sorted]);

  // ---- selection shared by queue and map ----
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [focus, setFocus] = useState<MapFocusRequest | null>(null);
  const [scrollRequest, setScrollRequest] = useState<ScrollRequest | null>(null);

  /** The right-hand panel: the selected report's detail, the failed-messages view, today's tasking, or hotspots. */
  const [side, setSide] = useState<'detail' | 'outbox' | 'tasking' | 'hotspots' | null>(null);
  const sideRef = useRef(side);
  sideRef.current = side;

  const selectFromQueue = useCallback((id: string) => {
    refreshNow();
    setSelectedId(id);
    setSide('detail');
    setFocus({ id, n: next() });
  }, [refreshNow]);
  const selectFromMap = useCallback((id: string) => {
    refreshNow();
    setSelectedId(id);
    setSide('detail');
    setScrollRequest({ id, n: next() });
  }, [refreshNow]);
  const openReport = useCallback((id: string) => {
    refreshNow();
    setSelectedId(id);
    setSide('detail');
    setScrollRequest({ id, n: next() });
    setFocus({ id, n: next() });
  }, [refreshNow]);

  // ---- units: selection shared by the board and the map ----
  const queryClient = useQueryClient();
  const [selectedUnitId, setSelectedUnitId] = useState<string | null>(null);
  const [unitScroll, setUnitScroll] = useState<{ id: string; n: number } | null>(null);
  const selectUnitFromMap = useCallback((id: string) => {
    setSelectedUnitId(id);
    setUnitScroll({ id, n: next() });
  }, []);
  const focusUnit = useCallback((id: string) => setFocus({ unitId: id, n: next() }), []);
  const showOnMap = useCallback((at: { lat: number; lng: number }) => setFocus({ at, n: next() }), []);

  // ---- alerts: emergencies fly the map to the unit's last position when they arrive ----
  const alertsQuery = useAlerts(readsDispatch);
  const alerts = alertsQuery.data?.alerts;
  const emergencyUnitIds = useMemo(
    () => (alerts ?? []).filter((a) => a.kind === 'emergency' && a.unitId).map((a) => a.unitId ?? ''),
    [alerts],
  );
  const flownTo = useRef(new Set<string>());
  useEffect(() => {
    for (const alert of alerts ?? []) {
      if (alert.kind !== 'emergency' || flownTo.current.has(alert.id)) continue;
      flownTo.current.add(alert.id);
      const units = queryClient.getQueryData<UnitsSnapshot>(dispatchKeys.units)?.units ?? [];
      const position = alertPosition(alert, units.find((u) => u.id === alert.unitId));
      if (position) setFocus({ at: position, n: next() });
      if (alert.unitId) {
        setSelectedUnitId(alert.unitId);
        setUnitScroll({ id: alert.unitId, n: next() });
      }
    }
  }, [alerts, queryClient]);

  // ---- tasking: today's focus areas on the map; drawing a new one ----
  const taskingQuery = useTasking(today, readsDispatch);
  const areas = useMemo(() => {
    const data = taskingQuery.data;
    if (!data) return NO_AREAS;
    const byId = new Map<string, FocusArea>(data.areas.map((a) => [a.id, a]));
    for (const { area } of data.tasking) if (!byId.has(area.id)) byId.set(area.id, area);
    return [...byId.values()];
  }, [taskingQuery.data]);
  const [highlightAreaId, setHighlightAreaId] = useState<string | null>(null);
  const showArea = useCallback((area: FocusArea) => {
    setHighlightAreaId(area.id);
    const bounds = boundsOf(area.polygon);
    if (bounds) setFocus({ bounds, n: next() });
  }, []);
  const [draftPoints, setDraftPoints] = useState<readonly [number, number][]>(NO_POINTS);
  const [drawActive, setDrawActive] = useState(false);
  const [drawError, setDrawError] = useState<string | null>(null);
  const finishDrawing = useCallback(() => {
    setDraftPoints((points) => {
      // A double click adds its spot twice (two clicks) before it finishes: drop repeated corners.
      const corners = points.filter((p, i) => i === 0 || p[0] !== points[i - 1]![0] || p[1] !== points[i - 1]![1]);
      if (corners.length < 3) {
        setDrawError(makeTranslate(localeRef.current)('tasking.drawTooFew'));
        return corners;
      }
      setDrawError(null);
      setDrawActive(false);
      return corners;
    });
  }, []);
  const draw: DrawControl = useMemo(
    () => ({
      points: draftPoints,
      active: drawActive,
      error: drawError,
      start: () => {
        setDraftPoints(NO_POINTS);
        setDrawError(null);
        setDrawActive(true);
      },
      cancel: () => {
        setDraftPoints(NO_POINTS);
        setDrawError(null);
        setDrawActive(false);
      },
    }),
    [draftPoints, drawActive, drawError],
  );
  const mapDrawing = useMemo(
    () =>
      drawActive
        ? { onPoint: (p: [number, number]) => setDraftPoints((points) => [...points, p]), onFinish: finishDrawing }
        : null,
    [drawActive, finishDrawing],
  );
  // Leaving the panels that draw (tasking, hotspots → focus area) ends a drawing in progress.
  const drawsAreas = side === 'tasking' || side === 'hotspots';
  useEffect(() => {
    if (!drawsAreas) setDrawActive(false);
  }, [drawsAreas]);

  // ---- signals and hotspots: map layers, the ranked list, the CSV import ----
  const readsOverlays = READS_OVERLAYS.has(role);
  const [showSignals, setShowSignals] = useState(false);
  const [showHotspots, setShowHotspots] = useState(false);
  const [overlayDays, setOverlayDays] = useState(30);
  const [hotspotResolution, setHotspotResolution] = useState(8);
  const [hotspotsBy, setHotspotsBy] = useState<HotspotsBy>('h3');
  const [selectedCell, setSelectedCell] = useState<string | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const signalsQuery = useSignals(overlayDays, readsOverlays && showSignals);
  const hotspotsQuery = useHotspots(overlayDays, hotspotResolution, hotspotsBy, readsOverlays && (showHotspots || side === 'hotspots'));
  // Boundaries no longer configured (hub restarted without them): back to H3 cells.
  const neighbourhoodsGone = hotspotsQuery.data?.by === 'neighbourhood' && !hotspotsQuery.data.neighbourhoods;
  useEffect(() => {
    if (neighbourhoodsGone) setHotspotsBy('h3');
  }, [neighbourhoodsGone]);
  const changeHotspotsBy = useCallback((by: HotspotsBy) => {
    setSelectedCell(null);
    setHotspotsBy(by);
  }, []);
  const selectCell = useCallback((hotspot: Hotspot) => {
    setSelectedCell(hotspot.cell);
    setShowHotspots(true);
    const bounds = boundaryBounds(hotspot.boundaries ? hotspot.boundaries.flat() : hotspot.boundary);
    if (bounds) setFocus({ bounds, n: next() });
  }, []);
  const startFocusFromHotspot = useCallback(
    (hotspot: Hotspot) => {
      selectCell(hotspot);
      setDraftPoints(ringCorners(hotspot.boundary));
      setDrawError(null);
      setDrawActive(false);
    },
    [selectCell],
  );
  const selectCellFromMap = useCallback((cell: string) => {
    setSelectedCell(cell);
    setSide('hotspots');
  }, []);
  const openHotspots = useCallback(() => {
    // Opening the list shows the cells on the map as well.
    if (sideRef.current !== 'hotspots') setShowHotspots(true);
    setSide((s) => (s === 'hotspots' ? null : 'hotspots'));
  }, []);
  // While drawing, Enter finishes and Esc cancels (before the console's own keys see them).
  const drawRef = useRef(draw);
  drawRef.current = draw;
  useEffect(() => {
    if (!drawActive) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        event.stopPropagation();
        finishDrawing();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        drawRef.current.cancel();
      }
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [drawActive, finishDrawing]);

  // ---- new report ----
  const [formOpen, setFormOpen] = useState(false);
  const [draftLocation, setDraftLocation] = useState<DraftLocation>(EMPTY_LOCATION);
  const [notice, setNotice] = useState<{ number: string } | null>(null);
  const pickLocation = useMemo(() => {
    const lat = Number(draftLocation.lat.replace(',', '.'));
    const lng = Number(draftLocation.lng.replace(',', '.'));
    if (
      draftLocation.lat.trim() === '' ||
      draftLocation.lng.trim() === '' ||
      !Number.isFinite(lat) ||
      !Number.isFinite(lng)
    ) {
      return null;
    }
    return { lat, lng };
  }, [draftLocation]);
  /** Coordinates typed into the form (not clicked): the map follows them once typing pauses. */
  const typedLocation = useRef(false);
  const onPick = useCallback((loc: { lat: number; lng: number }) => {
    typedLocation.current = false;
    setDraftLocation({ lat: String(loc.lat), lng: String(loc.lng) });
  }, []);
  const onTypeLocation = useCallback((loc: DraftLocation) => {
    typedLocation.current = true;
    setDraftLocation(loc);
  }, []);
  useEffect(() => {
    if (!typedLocation.current || !pickLocation || Math.abs(pickLocation.lat) > 90 || Math.abs(pickLocation.lng) > 180) return;
    const timer = setTimeout(() => setFocus({ at: pickLocation, n: next() }), 600);
    return () => clearTimeout(timer);
  }, [pickLocation]);
  const onLinked = useCallback((report: Report) => {
    setSelectedId(report.id);
    setSide('detail');
    setScrollRequest({ id: report.id, n: next() });
    setFocus({ id: report.id, n: next() });
  }, []);
  const onCreated = useCallback(
    (report: Report) => {
      setFormOpen(false);
      setDraftLocation(EMPTY_LOCATION);
      setNotice({ number: report.number });
      setSelectedId(report.id);
      setSide('detail');
      setScrollRequest({ id: report.id, n: next() });
    },
    [],
  );
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 5000);
    return () => clearTimeout(timer);
  }, [notice]);

  // ---- keyboard: ↑/↓ select, Enter centres the map, / focuses the filter ----
  const filterRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const visibleRef = useRef(visible);
  visibleRef.current = visible;
  const selectedRef = useRef(selectedId);
  selectedRef.current = selectedId;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const inFilter = event.target === filterRef.current;
      const typing = isTypingTarget(event.target);
      if (event.key === '/' && !typing) {
        event.preventDefault();
        filterRef.current?.focus();
        filterRef.current?.select();
        return;
      }
      if (event.key === 'Escape' && !inFilter) {
        // Esc leaves a field in the side panel first, then closes the panel.
        if (typing) {
          if (event.target instanceof HTMLElement && event.target.closest('.detail-panel')) event.target.blur();
          return;
        }
        if (sideRef.current) {
          event.preventDefault();
          setSide(null);
          listRef.current?.focus({ preventScroll: true });
          return;
        }
      }
      if (typing && !inFilter) return;
      const list = visibleRef.current;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (list.length === 0) return;
        event.preventDefault();
        const index = list.findIndex((r) => r.id === selectedRef.current);
        const nextIndex =
          index < 0 ? 0 : Math.min(list.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)));
        const id = list[nextIndex]!.id;
        setSelectedId(id);
        setScrollRequest({ id, n: next() });
        return;
      }
      const onControl = event.target instanceof Element && event.target.closest('button, a, summary, [role=button]');
      if (event.key === 'Enter' && selectedRef.current && !onControl) {
        event.preventDefault();
        setFocus({ id: selectedRef.current, n: next() });
        setSide('detail');
        return;
      }
      if (event.key === 'Escape' && inFilter) {
        filterRef.current?.blur();
        listRef.current?.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  const canCreate = CAN_CREATE.has(session.user.role);
  const readsOutbox = READS_OUTBOX.has(session.user.role);
  const failedMessages = useFailedMessages(readsOutbox);
  const failedCount = failedMessages.data?.messages.length ?? 0;
  const total = reportsQuery.data?.reports.length ?? 0;
  const forbidden = reportsQuery.error instanceof ApiRequestError && reportsQuery.error.status === 403;

  let queueBody: React.ReactNode;
  if (reportsQuery.isPending) {
    queueBody = (
      <div className="queue-status">
        <Loading label={t('queue.loading')} />
      </div>
    );
  } else if (reportsQuery.isError) {
    queueBody = (
      <div className="queue-status" role="alert">
        <p className="form-error">
          {forbidden ? t('console.noAccess') : t('queue.error', { message: reportsQuery.error.message })}
        </p>
        {!forbidden && (
          <button type="button" className="btn" onClick={() => void reportsQuery.refetch()}>
            {t('app.retry')}
          </button>
        )}
      </div>
    );
  } else {
    queueBody = (
      <QueueList
        reports={visible}
        categories={categories}
        selectedId={selectedId}
        onRowClick={selectFromQueue}
        scrollRequest={scrollRequest}
        listRef={listRef}
        emptyText={total === 0 ? t('queue.empty') : t('queue.noMatch')}
        now={now}
      />
    );
  }

  return (
    <DispatchContext.Provider value={dispatchContext}>
    <div className="console">
      <Header
        user={session.user}
        connection={connection}
        version={config.version}
        tools={
          <>
          {readsOverlays && (
            <button
              type="button"
              className="btn hotspots-button"
              onClick={openHotspots}
              aria-pressed={side === 'hotspots'}
              data-testid="hotspots-open"
            >
              {t('hotspots.open')}
            </button>
          )}
          {IMPORTS_SIGNALS.has(role) && (
            <button
              type="button"
              className="btn signals-button"
              onClick={() => setImportOpen(true)}
              aria-haspopup="dialog"
              data-testid="signals-import-open"
            >
              {t('signals.open')}
            </button>
          )}
          {readsDispatch && (
            <button
              type="button"
              className="btn tasking-button"
              onClick={() => setSide((s) => (s === 'tasking' ? null : 'tasking'))}
              aria-pressed={side === 'tasking'}
              data-testid="tasking-open"
            >
              {t('tasking.open')}
            </button>
          )}
          {readsOutbox && (
            <button
              type="button"
              className={`btn outbox-button${failedCount > 0 ? ' has-failed' : ''}`}
              onClick={() => setSide((s) => (s === 'outbox' ? null : 'outbox'))}
              aria-pressed={side === 'outbox'}
              title={t('outbox.title')}
              data-testid="outbox-open"
              data-count={failedCount}
            >
              {t('outbox.open')} <span className="count">{failedCount}</span>
            </button>
          )}
          </>
        }
      />
      {/* Mounted as soon as the alerts are loaded (also when none are open): it sounds every new one. */}
      {readsDispatch && alerts && (
        <AlertBanner alerts={alerts} reports={reportsById} onOpenReport={openReport} onShowOnMap={showOnMap} />
      )}
      <main className={`console-main${side ? ' has-side' : ''}`}>
        <div className="left-column">
        <section className="queue-panel" aria-label={t('queue.title')}>
          <div className="panel-head">
            <h2>
              {t('queue.title')}{' '}
              <span className="muted small" data-testid="queue-count">
                {t('queue.count', { shown: visible.length, total })}
              </span>
            </h2>
            {canCreate && (
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => setFormOpen((open) => !open)}
                aria-expanded={formOpen}
                data-testid="new-report-open"
              >
                {t('form.open')}
              </button>
            )}
          </div>
          <div className="queue-filters">
            <select
              className="queue-status-filter"
              value={statusFilter}
              onChange={(e) => {
                refreshNow();
                setStatusFilter(e.target.value as QueueStatusFilter);
              }}
              aria-label={t('filter.label')}
              data-testid="queue-status-filter"
            >
              {QUEUE_STATUS_FILTERS.map((f) => (
                <option key={f} value={f}>
                  {t('filter.option', { label: t(`filter.${f}`), n: statusCounts[f] })}
                </option>
              ))}
            </select>
            <input
              ref={filterRef}
              className="queue-filter-text"
              type="search"
              placeholder={t('queue.filter')}
              aria-label={t('queue.filterLabel')}
              value={filterText}
              onChange={(e) => setFilterText(e.target.value)}
              data-testid="queue-filter"
            />
            <select
              className="queue-filter-category"
              value={filterCategory}
              onChange={(e) => setFilterCategory(e.target.value)}
              aria-label={t('queue.categoryLabel')}
              data-testid="queue-filter-category"
            >
              <option value="">{t('queue.allCategories')}</option>
              {[...categories.values()].map((c) => (
                <option key={c.code} value={c.code}>
                  {locale === 'en' ? c.nameEn : c.nameNl}
                </option>
              ))}
            </select>
          </div>
          {notice && (
            <p className="notice" role="status" data-testid="notice">
              {t('form.created', notice)}
            </p>
          )}
          {queueBody}
          <p className="queue-keys muted small">{t('queue.keys')}</p>
        </section>
        {readsDispatch && (
          <UnitsBoard
            reports={reportsById}
            selectedUnitId={selectedUnitId}
            onSelectUnit={setSelectedUnitId}
            onFocusUnit={focusUnit}
            onOpenReport={openReport}
            scrollRequest={unitScroll}
          />
        )}
        </div>
        <section className="map-panel">
          <MapView
            config={config}
            reports={sorted}
            selectedId={selectedId}
            onSelect={selectFromMap}
            focus={focus}
            onPick={formOpen ? onPick : null}
            pickLocation={pickLocation}
            showUnits={readsDispatch}
            selectedUnitId={selectedUnitId}
            onSelectUnit={selectUnitFromMap}
            emergencyUnitIds={emergencyUnitIds}
            areas={areas}
            highlightAreaId={side === 'tasking' ? highlightAreaId : null}
            draft={drawsAreas ? draftPoints : NO_POINTS}
            drawing={drawsAreas ? mapDrawing : null}
            signals={signalsQuery.data?.signals}
            showSignals={showSignals}
            hotspots={hotspotsQuery.data?.cells}
            showHotspots={showHotspots}
            highlightCell={selectedCell}
            onSelectHotspot={selectCellFromMap}
          />
          {readsOverlays && (
            <MapLayersControl
              showSignals={showSignals}
              onShowSignals={setShowSignals}
              signalCount={signalsQuery.data?.signals.length}
              signalsLoading={signalsQuery.isFetching}
              showHotspots={showHotspots}
              onShowHotspots={setShowHotspots}
              hotspotCount={hotspotsQuery.data?.cells.length}
              days={overlayDays}
              onDaysChange={setOverlayDays}
            />
          )}
          {formOpen && (
            <aside className="form-panel">
              {categoriesQuery.isPending ? (
                <Loading label={t('app.loading')} />
              ) : (
                <NewReportForm
                  categories={categoriesQuery.data?.categories ?? []}
                  location={draftLocation}
                  onLocationChange={onTypeLocation}
                  onCreated={onCreated}
                  onLinked={onLinked}
                  onOpenReport={openReport}
                  onClose={() => setFormOpen(false)}
                />
              )}
            </aside>
          )}
        </section>
        {side === 'detail' && selectedId && (
          <ReportDetailPanel
            key={selectedId}
            reportId={selectedId}
            role={session.user.role}
            categories={categories}
            now={now}
            onClose={() => setSide(null)}
            onOpenReport={openReport}
          />
        )}
        {side === 'hotspots' && (
          <HotspotsPanel
            role={role}
            days={overlayDays}
            onDaysChange={setOverlayDays}
            resolution={hotspotResolution}
            onResolutionChange={setHotspotResolution}
            by={hotspotsBy}
            onByChange={changeHotspotsBy}
            selectedCell={selectedCell}
            onSelectCell={selectCell}
            draw={draw}
            onStartFocus={startFocusFromHotspot}
            onAreaCreated={() => setSelectedCell(null)}
            onClose={() => setSide(null)}
          />
        )}
        {side === 'tasking' && (
          <TaskingPanel
            date={today}
            draw={draw}
            onShowArea={showArea}
            highlightAreaId={highlightAreaId}
            onClose={() => setSide(null)}
          />
        )}
        {side === 'outbox' && (
          <OutboxPanel
            canRetry={RETRIES_OUTBOX.has(session.user.role)}
            reports={reportsById}
            onOpenReport={openReport}
            onClose={() => setSide(null)}
          />
        )}
      </main>
      {importOpen && (
        <SignalsImportDialog onClose={() => setImportOpen(false)} onShowOnMap={() => setShowSignals(true)} />
      )}
    </div>
    </DispatchContext.Provider>
  );
}
