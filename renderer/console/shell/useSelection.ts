import { useCallback, useRef, useState } from 'react';
import type { MapFocusRequest } from '../map/MapView';
import type { ScrollRequest } from '../queue/QueueList';
import { nextRequest } from './requests';

/** The right-hand panel: the selected report's detail, the failed-messages view, today's tasking, hotspots, or the signals dashboard. */
export type SidePanel = 'detail' | 'outbox' | 'tasking' | 'hotspots' | 'throttles' | 'accessLog' | 'signalsBoard';

/**
 * The selected report, shared by the queue, the map and the side panel; and the requests that move the
 * map (fly to) and the queue (scroll to). `refreshNow` re-reads the clock when a report is opened, so its
 * SLA badge is current.
 */
export function useSelection(refreshNow: () => void) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [focus, setFocus] = useState<MapFocusRequest | null>(null);
  const [scrollRequest, setScrollRequest] = useState<ScrollRequest | null>(null);
  const [side, setSide] = useState<SidePanel | null>(null);
  const sideRef = useRef(side);
  sideRef.current = side;

  const focusMap = useCallback((request: Omit<MapFocusRequest, 'n'>) => setFocus({ ...request, n: nextRequest() }), []);
  /** Selects a report and scrolls the queue to it. */
  const selectInQueue = useCallback((id: string) => {
    setSelectedId(id);
    setScrollRequest({ id, n: nextRequest() });
  }, []);

  const selectFromQueue = useCallback(
    (id: string) => {
      refreshNow();
      setSelectedId(id);
      setSide('detail');
      focusMap({ id });
    },
    [refreshNow, focusMap],
  );
  const selectFromMap = useCallback(
    (id: string) => {
      refreshNow();
      selectInQueue(id);
      setSide('detail');
    },
    [refreshNow, selectInQueue],
  );
  /** From anywhere (an alert, a merge, a linked call): detail open, queue and map on the report. */
  const openReport = useCallback(
    (id: string) => {
      refreshNow();
      selectInQueue(id);
      setSide('detail');
      focusMap({ id });
    },
    [refreshNow, selectInQueue, focusMap],
  );
  /** A report just created here: open it in the queue (the map stays where the call-taker put it). */
  const showCreated = useCallback(
    (id: string) => {
      selectInQueue(id);
      setSide('detail');
    },
    [selectInQueue],
  );
  /** Enter on the selected report: fly there and open its detail. */
  const openSelected = useCallback(
    (id: string) => {
      focusMap({ id });
      setSide('detail');
    },
    [focusMap],
  );
  const toggleSide = useCallback((panel: SidePanel) => setSide((s) => (s === panel ? null : panel)), []);
  const closeSide = useCallback(() => setSide(null), []);

  return {
    selectedId,
    focus,
    focusMap,
    scrollRequest,
    side,
    /** The side panel now, for event handlers bound once. */
    sideRef,
    setSide,
    toggleSide,
    closeSide,
    selectInQueue,
    selectFromQueue,
    selectFromMap,
    openReport,
    showCreated,
    openSelected,
  };
}

export type Selection = ReturnType<typeof useSelection>;
