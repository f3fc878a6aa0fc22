import { useCallback, useState } from 'react';
import type { MapFocusRequest } from '../map/MapView';
import { nextRequest } from './requests';

/** The selected unit, shared by the units board and the map. */
export function useUnitSelection(focusMap: (request: Omit<MapFocusRequest, 'n'>) => void) {
  const [selectedUnitId, setSelectedUnitId] = useState<string | null>(null);
  const [unitScroll, setUnitScroll] = useState<{ id: string; n: number } | null>(null);
  /** Selects the unit and scrolls the board to it (a click on the map, an emergency). */
  const revealUnit = useCallback((id: string) => {
    setSelectedUnitId(id);
    setUnitScroll({ id, n: nextRequest() });
  }, []);
  const focusUnit = useCallback((id: string) => focusMap({ unitId: id }), [focusMap]);
  const showOnMap = useCallback((at: { lat: number; lng: number }) => focusMap({ at }), [focusMap]);
  return { selectedUnitId, selectUnit: setSelectedUnitId, unitScroll, revealUnit, focusUnit, showOnMap };
}
