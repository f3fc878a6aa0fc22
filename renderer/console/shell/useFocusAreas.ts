import { useCallback, useMemo, useState } from 'react';
import type { FocusArea } from '../../../server/protocol/dispatch';
import { boundsOf } from '../../shared/geo/bounds';
import { useTasking } from '../api/dispatchQueries';
import type { MapFocusRequest } from '../map/MapView';

const NO_AREAS: readonly FocusArea[] = [];

/** Today's focus areas on the map (those tasked today included), and the one shown from the tasking panel. */
export function useFocusAreas(today: string, enabled: boolean, focusMap: (request: Omit<MapFocusRequest, 'n'>) => void) {
  const taskingQuery = useTasking(today, enabled);
  const areas = useMemo(() => {
    const data = taskingQuery.data;
    if (!data) return NO_AREAS;
    const byId = new Map<string, FocusArea>(data.areas.map((a) => [a.id, a]));
    for (const { area } of data.tasking) if (!byId.has(area.id)) byId.set(area.id, area);
    return [...byId.values()];
  }, [taskingQuery.data]);
  const [highlightAreaId, setHighlightAreaId] = useState<string | null>(null);
  const showArea = useCallback(
    (area: FocusArea) => {
      setHighlightAreaId(area.id);
      const bounds = boundsOf(area.polygon);
      if (bounds) focusMap({ bounds });
    },
    [focusMap],
  );
  return { areas, highlightAreaId, showArea };
}
