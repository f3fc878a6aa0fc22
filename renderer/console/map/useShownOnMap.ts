import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useRef } from 'react';

/**
 * What a source of this map holds now (to compute `updateData` diffs against). A new map instance
 * starts with empty sources, so it starts with `empty()` again. The returned function is stable.
 */
export function useShownOnMap<T>(empty: () => T): (map: MapLibreMap) => { value: T } {
  const emptyRef = useRef(empty);
  const ref = useRef<{ map: MapLibreMap | null; shown: { value: T } } | null>(null);
  return useCallback((map: MapLibreMap) => {
    if (ref.current?.map !== map) ref.current = { map, shown: { value: emptyRef.current() } };
    return ref.current.shown;
  }, []);
}
