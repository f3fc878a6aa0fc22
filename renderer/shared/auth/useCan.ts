import { useSyncExternalStore } from 'react';
import { type Action, isAllowed } from '../../../server/domain/permissions';
import { getSession, subscribeSession } from '../api/client';

/** Whether the signed-in user may do this (the hub's own permission table; the hub checks again). */
export function useCan(action: Action): boolean {
  const session = useSyncExternalStore(subscribeSession, getSession);
  return session !== null && isAllowed(action, session.user.role);
}
