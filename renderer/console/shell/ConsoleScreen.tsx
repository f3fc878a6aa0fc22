import { useMemo, useRef, useState } from 'react';
import type { ClientConfig } from '../../../server/protocol/api';
import type { HubEvent } from '../../../server/protocol/events';
import type { Category } from '../../../server/protocol/report';
import type { Session } from '../../shared/api/client';
import { useCan } from '../../shared/auth/useCan';
import { localDate } from '../../shared/time/calendar';
import { useAlerts } from '../api/dispatchQueries';
import { useCategories, useOpenReports } from '../api/queries';
import { MapAddressSearch } from '../address/MapAddressSearch';
import { AlertBanner } from '../dispatch/AlertBanner';
import { EmergencyPanel, useEmergencyTrails } from '../dispatch/EmergencyPanel';
import { PriorityTrafficBar, PriorityTrafficButton } from '../dispatch/PriorityTraffic';
import { DispatchContext } from '../dispatch/commands';
import { UnitsBoard } from '../dispatch/UnitsBoard';
import { useT } from '../i18n';
import { NewReportForm } from '../intake/NewReportForm';
import { SignalsImportDialog } from '../intake/SignalsImportDialog';
import { useLiveConnection } from '../live/useLiveConnection';
import { MapLayersControl } from '../map/MapLayersControl';
import { MapLegend } from '../map/MapLegend';
import { MapView } from '../map/MapView';
import { Loading } from '../ui/Loading';
import { useClock } from '../../shared/time/useClock';
import { ReportSearch } from '../search/ReportSearch';
import { Header } from './Header';
import { HeaderTools, toolsInMenu } from './HeaderTools';
import { QueueSection } from './QueueSection';
import { SidePanel } from './SidePanel';
import { useAreaDrawing } from './useAreaDrawing';
import { useConsoleKeys } from './useConsoleKeys';
import { ShortcutsHelp } from './ShortcutsHelp';
import { useShortcuts } from './useShortcuts';
import { useMapOutOfTabOrder } from './useMapOutOfTabOrder';
import { useDesktopNotifications } from './useDesktopNotifications';
import { useEmergencyFocus } from './useEmergencyFocus';
import { useFocusAreas } from './useFocusAreas';
import { useNewReport } from './useNewReport';
import { useOverlays } from './useOverlays';
import { KpiView } from '../kpi/KpiView';
import { HistoryOverlay, useHistoryView } from '../history/HistoryViews';
import { useQueueFilter } from './useQueueFilter';
import { OverviewOverlay, useOverviewView } from '../overview/OverviewView';
import { useConsoleOverview, useSnapshotWhenOnline } from '../overview/useOverviewFeed';
import { useReopenSince } from '../overview/useStatusSince';
import { useSelection } from './useSelection';
import { useUnitSelection } from './useUnitSelection';
import { ShiftLeadOverlays, useShiftReportView } from '../shift-report/ShiftLeadViews';
import { useShiftLeadViews } from './ShiftLeadTools';

/** The console: header, alerts, queue and units on the left, the map, and the side panel that is open. */
export function ConsoleScreen({ session, config }: { session: Session; config: ClientConfig }) {
  const t = useT();
  const reportsQuery = useOpenReports(true);
  const categoriesQuery = useCategories(true);
  const categories = useMemo(
    () => new Map<string, Category>((categoriesQuery.data?.categories ?? []).map((c) => [c.code, c])),
    [categoriesQuery.data],
  );
  const readsDispatch = useCan('dispatch.read');
  const readsOverlays = useCan('report.list');
  const searchesAddresses = useCan('address.search');
  const readsOutbox = useCan('outbox.read');

  const notify = useDesktopNotifications(categories);
  // The live overview (issue 14 point 1): kept by the same events, its snapshot taken whenever the stream is online.
  const overview = useConsoleOverview(useCan('overview.read'));
  const onLiveEvent = (event: HubEvent) => {
    notify(event);
    overview.push(event);
  };
  const live = useLiveConnection(session.token, reportsQuery.data?.seq, onLiveEvent);
  useSnapshotWhenOnline(overview.feed, live.state);
  const overviewView = useOverviewView(session.user.role);
  // Without a snapshot there is no live stream either.
  const connection = reportsQuery.isError ? 'offline' : live.state;
  const role = session.user.role;
  const dispatchContext = useMemo(() => ({ socket: live.socket, role }), [live.socket, role]);

  // "vervolg vandaag" and SLA badges depend on the time: re-read on a tick and whenever the filter changes.
  const { now, refresh: refreshNow } = useClock(30_000);
  const today = localDate(now);
  const queue = useQueueFilter(reportsQuery.data?.reports, categories, now, useReopenSince(overview.feed, overview.version));
  const selection = useSelection(refreshNow);
  const { side, focusMap } = selection;
  const units = useUnitSelection(focusMap);
  const alerts = useAlerts(readsDispatch).data?.alerts;
  const emergencyUnitIds = useEmergencyFocus(alerts, focusMap, units.revealUnit);
  const emergencyTrails = useEmergencyTrails(readsDispatch);
  const focusAreas = useFocusAreas(today, readsDispatch, focusMap);
  const drawing = useAreaDrawing(side === 'tasking' || side === 'hotspots' || side === 'signalsBoard');
  const overlays = useOverlays(readsOverlays, selection, drawing);
  const newReport = useNewReport(selection);
  const [spoedFormOpen, setSpoedFormOpen] = useState(false);
  // The shift lead's KPIs against targets, full screen over the console.
  const [kpiOpen, setKpiOpen] = useState(false);
  // The shift lead's Terugkijken and Voorspelling, full screen over the console.
  const history = useHistoryView();
  // Dienstrapport (full screen) and Signalen (side panel); the handover at sign-in.
  const shiftReport = useShiftReportView();
  const shiftLeadViews = useShiftLeadViews({
    openOverview: overviewView.show,
    openKpis: () => setKpiOpen(true),
    toggleSignalsBoard: () => {
      // The board is a side panel: a full view over the work area would hide it.
      setKpiOpen(false);
      overviewView.close();
      selection.toggleSide('signalsBoard');
    },
    signalsBoardOpen: side === 'signalsBoard',
    openShiftReport: shiftReport.show,
    openReplay: () => history.open('replay'),
    openForecast: () => history.open('forecast'),
  });

  const filterRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  useConsoleKeys({
    filterRef,
    listRef,
    visible: queue.visible,
    selectedId: selection.selectedId,
    sideOpen: side !== null,
    closeSide: selection.closeSide,
    selectInQueue: selection.selectInQueue,
    openSelected: selection.openSelected,
  });
  const mapPanelRef = useRef<HTMLElement>(null);
  useMapOutOfTabOrder(mapPanelRef);
  // Single-key shortcuts and their "?" help (useShortcuts.ts).
  const shortcuts = useShortcuts({
    openNewReport: () => {
      if (!newReport.formOpen) newReport.toggleForm();
    },
    focusQueue: () => listRef.current?.focus(),
  });

  return (
    <DispatchContext.Provider value={dispatchContext}>
      <div className="console">
        <Header
          user={session.user}
          connection={connection}
          version={config.version}
          search={<ReportSearch onOpen={selection.openReport} />}
          secondFactorInTools={toolsInMenu(shiftLeadViews)}
          tools={
            <HeaderTools
              side={side}
              onToggleHotspots={overlays.toggleHotspotList}
              onOpenImport={() => overlays.setImportOpen(true)}
              onToggleSide={selection.toggleSide}
              views={shiftLeadViews}
              priorityTraffic={<PriorityTrafficButton open={spoedFormOpen} onToggle={() => setSpoedFormOpen((o) => !o)} />}
            />
          }
        />
        <PriorityTrafficBar formOpen={spoedFormOpen} onCloseForm={() => setSpoedFormOpen(false)} />
        {/* A unit in 'noodgeval' above everything, until the desk ends it. */}
        {readsDispatch && <EmergencyPanel reports={queue.reportsById} onOpenReport={selection.openReport} onShowOnMap={units.showOnMap} />}
        {/* Mounted as soon as the alerts are loaded (also when none are open): it sounds every new one. */}
        {readsDispatch && alerts && (
          <AlertBanner alerts={alerts} reports={queue.reportsById} onOpenReport={selection.openReport} onShowOnMap={units.showOnMap} />
        )}
        <main className={`console-main${side ? ' has-side' : ''}`}>
          <div className="left-column">
            <QueueSection
              reportsQuery={reportsQuery}
              queue={queue}
              categories={categories}
              selectedId={selection.selectedId}
              onRowClick={selection.selectFromQueue}
              scrollRequest={selection.scrollRequest}
              filterRef={filterRef}
              listRef={listRef}
              now={now}
              refreshNow={refreshNow}
              formOpen={newReport.formOpen}
              onToggleForm={newReport.toggleForm}
              created={newReport.notice}
            />
            {readsDispatch && (
              <UnitsBoard
                reports={queue.reportsById}
                selectedUnitId={units.selectedUnitId}
                onSelectUnit={units.selectUnit}
                onFocusUnit={units.focusUnit}
                onOpenReport={selection.openReport}
                scrollRequest={units.unitScroll}
              />
            )}
          </div>
          <section className="map-panel" ref={mapPanelRef}>
            <MapView
              config={config}
              reports={queue.sorted}
              selectedId={selection.selectedId}
              onSelect={selection.selectFromMap}
              focus={selection.focus}
              onPick={newReport.onPick}
              pickLocation={newReport.pickLocation}
              showUnits={readsDispatch}
              selectedUnitId={units.selectedUnitId}
              onSelectUnit={units.revealUnit}
              emergencyUnitIds={emergencyUnitIds}
              emergencyTrails={emergencyTrails}
              areas={focusAreas.areas}
              highlightAreaId={side === 'tasking' ? focusAreas.highlightAreaId : null}
              draft={drawing.mapDraft}
              drawing={drawing.mapDrawing}
              signals={overlays.signalsQuery.data?.signals}
              showSignals={overlays.showSignals}
              hotspots={overlays.hotspotsQuery.data?.cells}
              showHotspots={overlays.showHotspots}
              highlightCell={overlays.selectedCell}
              onSelectHotspot={overlays.selectCellFromMap}
            />
            {searchesAddresses && <MapAddressSearch onFly={(at) => focusMap({ at })} />}
            <MapLegend showUnits={readsDispatch} />
            {readsOverlays && (
              <MapLayersControl
                showSignals={overlays.showSignals}
                onShowSignals={overlays.setShowSignals}
                signalCount={overlays.signalsQuery.data?.signals.length}
                signalsLoading={overlays.signalsQuery.isFetching}
                showHotspots={overlays.showHotspots}
                onShowHotspots={overlays.setShowHotspots}
                hotspotCount={overlays.hotspotsQuery.data?.cells.length}
                days={overlays.days}
                onDaysChange={overlays.setDays}
              />
            )}
            {newReport.formOpen && (
              <aside className="form-panel">
                {categoriesQuery.isPending ? (
                  <Loading label={t('app.loading')} />
                ) : (
                  <NewReportForm
                    categories={categoriesQuery.data?.categories ?? []}
                    location={newReport.location}
                    onLocationChange={newReport.onTypeLocation}
                    onPlace={newReport.onPlace}
                    onCreated={newReport.onCreated}
                    onLinked={newReport.onLinked}
                    onOpenReport={selection.openReport}
                    onClose={newReport.closeForm}
                  />
                )}
              </aside>
            )}
          </section>
          <SidePanel
            selection={selection}
            categories={categories}
            reportsById={queue.reportsById}
            now={now}
            today={today}
            overlays={overlays}
            drawing={drawing}
            focusAreas={focusAreas}
          />
          {/* The shift lead's full views cover the work area only: the header, an emergency and the alerts stay in view. */}
          <OverviewOverlay
            view={overviewView}
            feed={overview.feed}
            version={overview.version}
            categories={categories}
            onFilter={(link) => {
              queue.setText('');
              queue.setStatus(link.status);
              queue.setCategory(link.category ?? '');
              listRef.current?.focus();
            }}
            onOpenReport={(id) => {
              // The longest-waiting report: the queue's filter of before may hide it, so the whole queue shows it.
              queue.setText('');
              queue.setStatus('all');
              queue.setCategory('');
              selection.openReport(id);
            }}
            {...(readsOutbox ? { onOpenFailedMessages: () => selection.setSide('outbox') } : {})}
          />
          <HistoryOverlay history={history} config={config} />
          <ShiftLeadOverlays view={shiftReport} config={config} categories={categories} />
          {kpiOpen && <KpiView config={config} onClose={() => setKpiOpen(false)} />}
        </main>
        {shortcuts.helpOpen && <ShortcutsHelp onClose={() => shortcuts.setHelpOpen(false)} />}
        {overlays.importOpen && (
          <SignalsImportDialog onClose={() => overlays.setImportOpen(false)} onShowOnMap={() => overlays.setShowSignals(true)} />
        )}
      </div>
    </DispatchContext.Provider>
  );
}
