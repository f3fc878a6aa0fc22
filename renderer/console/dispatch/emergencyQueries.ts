/**
 * Open emergencies (units in 'noodgeval') for the emergency panel: `emergencies.list`, refetched on every
 * `emergency.updated` and on an emergency alert's address (applyDispatchEvent), and every 15 s for the trail.
 */
import { useQuery } from '@tanstack/react-query';
import { call } from '../../shared/api/call';

export const emergencyKeys = { open: ['emergencies'] as const };

/** How often the trail is read again while an emergency is open (the live fix moves on the units cache). */
const TRAIL_REFRESH_MS = 15_000;

export function useOpenEmergencies(enabled: boolean) {
  return useQuery({
    queryKey: emergencyKeys.open,
    queryFn: () => call('emergencies.list', {}),
    enabled,
    staleTime: Infinity,
    refetchInterval: (query) => ((query.state.data?.emergencies.length ?? 0) > 0 ? TRAIL_REFRESH_MS : false),
  });
}
