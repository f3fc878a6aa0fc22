/**
 * Server state for dispatch. Units and assignments are patched from hub events and live fixes
 * (`setQueryData`, never refetched while the socket is up); alerts and tasking are aggregates: patched
 * where an event says exactly what changed, and refetched to be sure.
 */
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Alert } from '../../../server/protocol/dispatch';
import type { HubEvent } from '../../../server/protocol/events';
import type { UnitFix } from '../../../server/protocol/socket';
import { type AlertsSnapshot, dispatchApi, type UnitsSnapshot } from './dispatch';
import { applyEventToUnits, applyFixes, mergeUnitsSnapshot } from './unitsCache';

export const dispatchKeys = {
  units: ['units'] as const,
  alerts: ['alerts'] as const,
  tasking: (date: string) => ['tasking', date] as const,
  taskingAll: ['tasking'] as const,
  recommendations: (reportId: string) => ['recommendations', reportId] as const,
  recommendationsAll: ['recommendations'] as const,
  priorityTraffic: ['priorityTraffic'] as const,
};

export function useUnits<T = UnitsSnapshot>(enabled: boolean, select?: (data: UnitsSnapshot) => T) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: dispatchKeys.units,
    // A reload (after a reconnect) keeps what events told us after the hub read its answer.
    queryFn: async () =>
      mergeUnitsSnapshot(queryClient.getQueryData<UnitsSnapshot>(dispatchKeys.units), await dispatchApi.units()),
    enabled,
    staleTime: Infinity,
    gcTime: Infinity,
    refetchOnReconnect: false,
    select,
  });
}

export function useAlerts(enabled: boolean) {
  return useQuery({ queryKey: dispatchKeys.alerts, queryFn: dispatchApi.alerts, enabled, staleTime: Infinity });
}

export function useTasking(date: string, enabled: boolean) {
  return useQuery({
    queryKey: dispatchKeys.tasking(date),
    queryFn: () => dispatchApi.tasking(date),
    enabled,
    staleTime: Infinity,
  });
}

function upsertAlert(alerts: Alert[], alert: Alert): Alert[] {
  const rest = alerts.filter((a) => a.id !== alert.id);
  return alert.ackedAt ? rest : [...rest, alert];
}

/** Patches the dispatch caches with one hub event (called for every event, in seq order). */
export function applyDispatchEvent(queryClient: QueryClient, event: HubEvent): void {
  switch (event.type) {
    case 'unit.updated':
    case 'assignment.updated': {
      const before = queryClient.getQueryData<UnitsSnapshot>(dispatchKeys.units);
      if (before) {
        queryClient.setQueryData<UnitsSnapshot>(dispatchKeys.units, (old) => applyEventToUnits(old, event));
      } else if (queryClient.isFetching({ queryKey: dispatchKeys.units }) > 0) {
        // The first load may have been read before this change: load again.
        void queryClient.invalidateQueries({ queryKey: dispatchKeys.units });
      }
      // Who is available, where, and with how much work changed: the open panel asks again.
      void queryClient.invalidateQueries({ queryKey: dispatchKeys.recommendationsAll });
      break;
    }
    case 'alert.raised':
    case 'alert.acked':
    // The nearest address arrived after the alert (issue 12): the same alert, replaced; no new alarm.
    case 'alert.addressed':
    // The hub raised a check-in alert's level (amber → red → sound): the same alert, replaced.
    case 'alert.escalated':
      queryClient.setQueryData<AlertsSnapshot>(dispatchKeys.alerts, (old) =>
        old ? { alerts: upsertAlert(old.alerts, event.alert) } : old,
      );
      void queryClient.invalidateQueries({ queryKey: dispatchKeys.alerts });
      // An emergency's address comes with its alert.
      if (event.alert.kind === 'emergency') void queryClient.invalidateQueries({ queryKey: ['emergencies'] });
      break;
    case 'emergency.updated':
      // The emergency panel (dispatch/emergencyQueries.ts) reads its list again.
      void queryClient.invalidateQueries({ queryKey: ['emergencies'] });
      break;
    case 'priority_traffic.declared':
    case 'priority_traffic.lifted':
      void queryClient.invalidateQueries({ queryKey: dispatchKeys.priorityTraffic });
      break;
    case 'tasking.updated':
      void queryClient.invalidateQueries({ queryKey: dispatchKeys.taskingAll });
      void queryClient.invalidateQueries({ queryKey: dispatchKeys.recommendationsAll });
      break;
    default:
      break;
  }
}

/** The volatile `units:positions` batch: only positions move, nothing else. */
export function applyUnitFixes(queryClient: QueryClient, fixes: readonly UnitFix[]): void {
  if (!queryClient.getQueryData(dispatchKeys.units)) return;
  queryClient.setQueryData<UnitsSnapshot>(dispatchKeys.units, (old) => applyFixes(old, fixes));
}

/** After a reconnect the hub's view of units may have moved on without events for every fix: reload it. */
export function refreshDispatch(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: dispatchKeys.units });
  void queryClient.invalidateQueries({ queryKey: dispatchKeys.alerts });
  void queryClient.invalidateQueries({ queryKey: ['emergencies'] });
}
