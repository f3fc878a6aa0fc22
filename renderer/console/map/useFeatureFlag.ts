import type { Map as MapLibreMap } from 'maplibre-gl';
import { type RefObject, useEffect } from 'react';

/**
 * Sets a feature-state flag (`selected`, `highlight`, `emergency`) on the features with these ids while
 * they are given, and clears it when they change or go.
 */
export function useFeatureFlag(
  mapRef: RefObject<MapLibreMap | null>,
  ready: boolean,
  source: string,
  ids: string | readonly string[] | null,
  flag: string,
): void {
  const key = ids === null ? '' : typeof ids === 'string' ? ids : ids.join('\n');
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !key) return;
    const list = key.split('\n');
    for (const id of list) map.setFeatureState({ source, id }, { [flag]: true });
    return () => {
      if (!map.getSource(source)) return;
      for (const id of list) map.setFeatureState({ source, id }, { [flag]: false });
    };
  }, [mapRef, ready, source, key, flag]);
}
