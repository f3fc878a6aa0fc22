import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import type { Alert } from '../../../server/protocol/dispatch';
import type { UnitsSnapshot } from '../api/dispatch';
import { dispatchKeys } from '../api/dispatchQueries';
import { alertPosition } from '../dispatch/AlertBanner';
import type { MapFocusRequest } from '../map/MapView';

/**
 * Emergencies: the map flies to the unit's last position when one arrives (once per alert) and the board
 * shows the unit. Returns the units with an open emergency (a red ring on the map).
 */
export function useEmergencyFocus(
  alerts: readonly Alert[] | undefined,
  focusMap: (request: Omit<MapFocusRequest, 'n'>) => void,
  revealUnit: (id: string) => void,
): readonly string[] {
  const queryClient = useQueryClient();
  const flownTo = useRef(new Set<string>());
  useEffect(() => {
    for (const alert of alerts ?? []) {
      if (alert.kind !== 'emergency' || flownTo.current.has(alert.id)) continue;
      flownTo.current.add(alert.id);
      const units = queryClient.getQueryData<UnitsSnapshot>(dispatchKeys.units)?.units ?? [];
      const position = alertPosition(alert, units.find((u) => u.id === alert.unitId));
      if (position) focusMap({ at: position });
      if (alert.unitId) revealUnit(alert.unitId);
    }
  }, [alerts, queryClient, focusMap, revealUnit]);

  return useMemo(
    () => (alerts ?? []).filter((a) => a.kind === 'emergency' && a.unitId).map((a) => a.unitId ?? ''),
    [alerts],
  );
}
