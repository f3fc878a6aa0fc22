/** Live units on the map, drawn by a UnitDrawer (see unitCoalescer.ts for when). */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { type RefObject, useEffect, useMemo, useRef, useState } from 'react';
import type { Unit } from '../../../server/protocol/dispatch';
import { useUnits } from '../api/dispatchQueries';
import { UnitDrawer } from './unitDrawer';
import { type ShownUnit, UNITS_SOURCE } from './unitLayers';
import { useFeatureFlag } from './useFeatureFlag';
import { useShownOnMap } from './useShownOnMap';

/** How often "older than 2 minutes" is re-evaluated for the units shown. */
const STALE_CHECK_MS = 10_000;

/**
 * Live units in their own source, as diffs (a fix is a geometry update, never setData), re-checked for
 * stale fixes on a tick; the selected unit and those with an emergency flagged (and drawn without delay).
 * Returns the units, for focus requests.
 */
export function useUnitLayer(
  mapRef: RefObject<MapLibreMap | null>,
  ready: boolean,
  show: boolean,
  selectedUnitId: string | null,
  emergencyUnitIds: readonly string[],
): RefObject<readonly Unit[]> {
  const units = useUnits(show).data?.units;
  const unitsRef = useRef<readonly Unit[]>([]);
  if (units) unitsRef.current = units;
  const [staleTick, setStaleTick] = useState(0);
  useEffect(() => {
    if (!show) return;
    const timer = setInterval(() => setStaleTick((n) => n + 1), STALE_CHECK_MS);
    return () => clearInterval(timer);
  }, [show]);
  const watchedKey = [selectedUnitId ?? '', ...emergencyUnitIds].join('\n');
  const watched = useMemo(() => new Set(watchedKey.split('\n').filter(Boolean)), [watchedKey]);

  const shownOn = useShownOnMap(() => new Map<string, ShownUnit>());
  const [drawer, setDrawer] = useState<UnitDrawer | null>(null);
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const next = new UnitDrawer(map, () => shownOn(map).value, () => unitsRef.current);
    setDrawer(next);
    return () => {
      next.dispose();
      setDrawer(null);
    };
  }, [mapRef, ready, shownOn]);
  useEffect(() => {
    if (!drawer || !units) return;
    void staleTick;
    drawer.changed(watched);
  }, [drawer, units, staleTick, watched]);

  useFeatureFlag(mapRef, ready, UNITS_SOURCE, selectedUnitId, 'selected');
  useFeatureFlag(mapRef, ready, UNITS_SOURCE, emergencyUnitIds, 'emergency');
  return unitsRef;
}
