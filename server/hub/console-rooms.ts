import type { Namespace } from 'socket.io';
import { isAllowed } from '../domain/permissions';
import { eventForRole, maskEvent } from '../domain/privacy-events';
import { Role } from '../protocol/auth';
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

/** One room per console role as well: alerts go to the roles of their kind's audience (domain/alert-kinds.ts). */
export function roleRoomFor(role: Role): string {
  return `consoles:role:${role}`;
}

const CONSOLE_ROLES = Role.options.filter((role) => isAllowed('console.connect', role));

/**
 * Sends the event to every console, masked for the rooms that may not read what it carries; an alert as each
 * role reads it (a `hidden` placeholder with its seq for roles outside the audience).
 */
export function publishBySight(consoles: Namespace, event: HubEvent): void {
  if ('alert' in event) {
    for (const role of CONSOLE_ROLES) consoles.to(roleRoomFor(role)).emit('event', eventForRole(event, role));
    return;
  }
  const masked = maskEvent(event);
  consoles.to(CONTACTS_ROOM).emit('event', event);
  consoles.to(MASKED_ROOM).emit('event', masked);
}
