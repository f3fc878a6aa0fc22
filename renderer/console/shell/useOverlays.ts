import { useCallback, useEffect, useState } from 'react';
import type { Hotspot, HotspotsBy } from '../../../server/protocol/intake';
import { boundaryBounds } from '../../shared/geo/bounds';
import { ringCorners } from '../../shared/geo/ring';
import { useHotspots, useSignals } from '../api/intake';
import type { AreaDrawing } from './useAreaDrawing';
import type { Selection } from './useSelection';

/**
 * The map's optional layers (signals, hotspot cells) over a shared time window, the hotspot list's
 * settings and selected cell, and the CSV import dialog. `enabled`: the user may read them.
 */
export function useOverlays(enabled: boolean, selection: Selection, drawing: AreaDrawing) {
  const { side, sideRef, setSide, focusMap } = selection;
  const { prefill } = drawing;
  const [showSignals, setShowSignals] = useState(false);
  const [showHotspots, setShowHotspots] = useState(false);
  const [days, setDays] = useState(30);
  const [resolution, setResolution] = useState(8);
  const [by, setBy] = useState<HotspotsBy>('h3');
  const [selectedCell, setSelectedCell] = useState<string | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const signalsQuery = useSignals(days, enabled && showSignals);
  const hotspotsQuery = useHotspots(days, resolution, by, enabled && (showHotspots || side === 'hotspots'));

  // Boundaries no longer configured (hub restarted without them): back to H3 cells.
  const neighbourhoodsGone = hotspotsQuery.data?.by === 'neighbourhood' && !hotspotsQuery.data.neighbourhoods;
  useEffect(() => {
    if (neighbourhoodsGone) setBy('h3');
  }, [neighbourhoodsGone]);

  const changeBy = useCallback((next: HotspotsBy) => {
    setSelectedCell(null);
    setBy(next);
  }, []);
  /** A cell chosen in the list: shown on the map. */
  const selectCell = useCallback(
    (hotspot: Hotspot) => {
      setSelectedCell(hotspot.cell);
      setShowHotspots(true);
      const bounds = boundaryBounds(hotspot.boundaries ? hotspot.boundaries.flat() : hotspot.boundary);
      if (bounds) focusMap({ bounds });
    },
    [focusMap],
  );
  /** "Maak aandachtsgebied": the cell's boundary becomes the polygon of a new focus area. */
  const startFocus = useCallback(
    (hotspot: Hotspot) => {
      selectCell(hotspot);
      prefill(ringCorners(hotspot.boundary));
    },
    [selectCell, prefill],
  );
  /** A cell clicked on the map: picked in the list. */
  const selectCellFromMap = useCallback(
    (cell: string) => {
      setSelectedCell(cell);
      setSide('hotspots');
    },
    [setSide],
  );
  const toggleHotspotList = useCallback(() => {
    // Opening the list shows the cells on the map as well.
    if (sideRef.current !== 'hotspots') setShowHotspots(true);
    setSide((s) => (s === 'hotspots' ? null : 'hotspots'));
  }, [sideRef, setSide]);

  return {
    showSignals,
    setShowSignals,
    showHotspots,
    setShowHotspots,
    days,
    setDays,
    resolution,
    setResolution,
    by,
    changeBy,
    selectedCell,
    clearSelectedCell: () => setSelectedCell(null),
    selectCell,
    startFocus,
    selectCellFromMap,
    toggleHotspotList,
    signalsQuery,
    hotspotsQuery,
    importOpen,
    setImportOpen,
  };
}

export type Overlays = ReturnType<typeof useOverlays>;
