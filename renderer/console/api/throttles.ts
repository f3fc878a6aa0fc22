/**
 * Sign-in throttles for the shift lead and admin: who is being tried (refetched while shown, and when the
 * hub says a block began or was lifted), and lifting a block.
 */
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { HubEvent } from '../../../server/protocol/events';
import { call } from '../../shared/api/call';

export const throttleKeys = {
  login: ['throttles', 'login'] as const,
};

export function useLoginThrottles(enabled: boolean) {
  return useQuery({
    queryKey: throttleKeys.login,
    queryFn: () => call('auth.throttles', {}),
    enabled,
    // Misses are no events: a panel that is open asks again now and then.
    refetchInterval: 15_000,
  });
}

export function useUnblockLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call('auth.unblock', { id }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: throttleKeys.login }),
  });
}

/** Hub events → the throttles list (a block began or was lifted). */
export function applyThrottleEvent(queryClient: QueryClient, event: HubEvent): void {
  if (event.type === 'auth.throttle') void queryClient.invalidateQueries({ queryKey: throttleKeys.login });
}
