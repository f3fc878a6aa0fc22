import type { Role } from '../protocol/auth';

/**
 * Who may do what, as data. Every HTTP route and socket command names one of these actions;
 * an action not listed here, or a role not listed for it, is denied.
 */
export const PERMISSIONS = {
  'report.create': ['dispatcher', 'shift_lead', 'admin'],
  'report.list': ['dispatcher', 'shift_lead', 'police_coordinator', 'admin'],
  'report.read': ['dispatcher', 'shift_lead', 'police_coordinator', 'admin'],
  // Which transition each role may make is the lifecycle table's business (domain/lifecycle).
  'report.transition': ['dispatcher', 'shift_lead', 'police_coordinator'],
  // Citizens' contact details (reporters, recipients): only the desk that calls citizens back.
  'contacts.read': ['dispatcher', 'shift_lead', 'admin'],
  'outbox.read': ['dispatcher', 'shift_lead', 'admin'],
  'outbox.retry': ['shift_lead', 'admin'],
  'templates.read': ['dispatcher', 'shift_lead', 'admin'],
  'templates.write': ['admin'],
  'dispatch.read': ['dispatcher', 'shift_lead', 'police_coordinator', 'admin'],
  'dispatch.offer': ['dispatcher', 'shift_lead', 'police_coordinator'],
  'alerts.ack': ['dispatcher', 'shift_lead', 'police_coordinator'],
  'tasking.write': ['police_coordinator', 'shift_lead'],
  'field.connect': ['field'],
  'field.photo': ['field'],
  'events.read': ['dispatcher', 'shift_lead', 'police_coordinator', 'admin'],
  'categories.read': ['dispatcher', 'shift_lead', 'police_coordinator', 'field', 'admin'],
  'units.read': ['dispatcher', 'shift_lead', 'police_coordinator', 'admin'],
  'console.connect': ['dispatcher', 'shift_lead', 'police_coordinator', 'admin'],
  'session.read': ['dispatcher', 'shift_lead', 'police_coordinator', 'field', 'admin'],
  'report.merge': ['shift_lead'],
  'signals.import': ['shift_lead', 'admin', 'dispatcher'],
  'apikeys.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

export function isAllowed(action: string, role: Role): boolean {
  const roles = (PERMISSIONS as Record<string, readonly Role[]>)[action];
  return roles?.includes(role) ?? false;
}
