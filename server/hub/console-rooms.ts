import type { Namespace } from 'socket.io';
import { isAllowed } from '../domain/permissions';
import { maskEvent } from '../domain/privacy-events';
import type { Role } from '../protocol/auth';
import type { HubEvent } from '../protocol/events';

/**
 * Consoles are in one room per kind of sight: the roles that may read citizens' contact data and comments
 * (`contacts.read`) get every event whole, the others get it masked (domain/privacy-events). Rooms work
 * across hub nodes (the cluster adapter), so each node publishes both variants once.
 */
export const CONTACTS_ROOM = 'consoles:contacts';
export const MASKED_ROOM = 'consoles:masked';

export function sightRoomFor(role: Role): string {
  return isAllowed('contacts.read', role) ? CONTACTS_ROOM : MASKED_ROOM;
}

/** Sends the event to every console, masked for the rooms that may not read what it carries. */
export function publishBySight(consoles: Namespace, event: HubEvent): void {
  const masked = maskEvent(event);
  consoles.to(CONTACTS_ROOM).emit('event', event);
  consoles.to(MASKED_ROOM).emit('event', masked);
}
