import type { Role } from '../protocol/auth';

/**
 * Who may do what, as data. Every HTTP route and socket command names one of these actions;
 * an action not listed here, or a role not listed for it, is denied.
 */
export const PERMISSIONS = {
  // Admin manages users, templates and API keys: it does not take reports in or read citizens' data.
  'report.create': ['dispatcher', 'shift_lead'],
  'report.list': ['dispatcher', 'shift_lead', 'police_coordinator'],
  'report.read': ['dispatcher', 'shift_lead', 'police_coordinator'],
  // Which transition each role may make is the lifecycle table's business (domain/lifecycle).
  'report.transition': ['dispatcher', 'shift_lead', 'police_coordinator'],
  // Asking the reporter a question (by e-mail or SMS, answered on the status page): the desk that talks to citizens.
  'report.ask_reporter': ['dispatcher', 'shift_lead'],
  // The satisfaction answers and their reasons (KTO) in figures: the shift lead and the admin.
  'satisfaction.read': ['shift_lead', 'admin'],
  // Splitting a report into parts for other teams (deelmeldingen, domain/sub-reports.ts): the desk.
  'report.split': ['dispatcher', 'shift_lead'],
  // Citizens' contact details, recipients, status links, access codes and comments: only the desk that calls
  // citizens back (domain/privacy-mask.ts masks them for every other role, in answers, sockets and catch-up).
  'contacts.read': ['dispatcher', 'shift_lead'],
  'outbox.read': ['dispatcher', 'shift_lead'],
  'outbox.retry': ['shift_lead'],
  'templates.read': ['dispatcher', 'shift_lead', 'admin'],
  'templates.write': ['admin'],
  'dispatch.read': ['dispatcher', 'shift_lead', 'police_coordinator'],
  'dispatch.offer': ['dispatcher', 'shift_lead', 'police_coordinator'],
  'alerts.ack': ['dispatcher', 'shift_lead', 'police_coordinator'],
  // A unit's emergency by hand (radio), asking units to assist, ending it with a note (acknowledging: alerts.ack).
  'emergency.manage': ['dispatcher', 'shift_lead'],
  'tasking.write': ['police_coordinator', 'shift_lead'],
  // Spoedmelding (domain/priority-traffic.ts): the desk declares and lifts it; every console sees it.
  'priority_traffic.declare': ['dispatcher', 'shift_lead'],
  'priority_traffic.read': ['dispatcher', 'shift_lead', 'police_coordinator'],
  // Run cards (inzetvoorstellen): the desk and the coordinator read them with the recommendation; the shift lead keeps them.
  'runcards.write': ['shift_lead'],
  // A category's terms for urgent and high reports (clock hours; domain/sla.ts).
  'categories.write': ['shift_lead'],
  'field.connect': ['field'],
  'field.photo': ['field'],
  'events.read': ['dispatcher', 'shift_lead', 'police_coordinator'],
  // The wallboard reads the category names it shows (no citizen data in them).
  'categories.read': ['dispatcher', 'shift_lead', 'police_coordinator', 'field', 'admin', 'privacy_officer', 'wallboard'],
  'units.read': ['dispatcher', 'shift_lead', 'police_coordinator'],
  'console.connect': ['dispatcher', 'shift_lead', 'police_coordinator'],
  'session.read': ['dispatcher', 'shift_lead', 'police_coordinator', 'field', 'admin', 'privacy_officer'],
  'report.merge': ['shift_lead'],
  'signals.import': ['shift_lead', 'dispatcher'],
  'apikeys.manage': ['admin'],
  // Photos: the roles that read the report, and the field unit assigned to it (checked per report in commands/photos.ts).
  'photos.read': ['dispatcher', 'shift_lead', 'police_coordinator', 'field'],
  // Approving an after photo for the citizen (crop, blur; status page and closing message): the desk. Never public without it.
  'photos.approve': ['dispatcher', 'shift_lead'],
  // Address search and nearest address (the hub asks its address source): the desk roles and the field client.
  'address.search': ['dispatcher', 'shift_lead', 'police_coordinator', 'field'],
  // The retention job's log: what was erased or deleted, when, of which reports.
  'retention.read': ['shift_lead', 'admin'],
  // Accounts: create, change role and unit, deactivate, reset a password or a second factor.
  'users.manage': ['admin'],
  // Their own second factor (TOTP): the roles whose accounts are worth the most to an intruder.
  'auth.totp': ['admin', 'shift_lead'],
  // Who is being tried at sign-in (user, address, misses), and lifting a block.
  'auth.throttles': ['shift_lead', 'admin'],
  // Who viewed citizens' contact details (access log): the shift lead, the admin and the privacy officer.
  'accesslog.read': ['shift_lead', 'admin', 'privacy_officer'],
  // A citizen's rights (inzage, export, erasure): the privacy officer (functionaris gegevensbescherming).
  'privacy.search': ['privacy_officer'],
  'privacy.erase': ['privacy_officer'],
  // Notes on an address or area ("hond aanwezig"), with an expiry: the desk writes them; every report reader sees them.
  'address_notes.write': ['dispatcher', 'shift_lead'],
  // Hand-off to an external party: making and revoking its link, reading its answer (the desk that reviews it).
  'external.manage': ['dispatcher', 'shift_lead'],
  'external.read': ['dispatcher', 'shift_lead'],
  // A field unit's worklist (looplijst) and taking a report from it; its notes on a report it works on.
  'field.worklist': ['field'],
  'field.notes': ['field'],
  // KPIs against targets (issue 14 point 2, domain/kpi.ts): figures and exports per category, neighbourhood or team, never per officer.
  'stats.read': ['shift_lead', 'admin'],
  // The shift report (dienstrapport, domain/shift-report.ts): the shift lead writes it, the next shift lead acknowledges it
  // as the handover (overdracht); saved reports are read by shift leads and the admin (no citizen contact data in them).
  'shift_report.read': ['shift_lead', 'admin'],
  'shift_report.write': ['shift_lead'],
  'shift_report.handover': ['shift_lead'],
  // Signals dashboard (domain/signal-trends.ts): reports and signals per neighbourhood and week, for those who set focus areas.
  'signals.dashboard': ['shift_lead', 'police_coordinator'],
  // The live overview (issue 14 point 1): the desk and the shift lead; the wallboard shows it (no citizen data in it).
  'overview.read': ['dispatcher', 'shift_lead', 'wallboard'],
  // The wallboard's own session (point 4), and the admin who issues and revokes its device tokens.
  'wallboard.view': ['wallboard'],
  'wallboard.manage': ['admin'],
  // Shift replay (terugkijken, domain/replay.ts): read-only, for debriefs; no reporter data, alerts by the role's kinds.
  'replay.read': ['shift_lead', 'admin'],
  // Hotspot forecast (voorspelling, domain/forecast.ts): the police coordinator places focus areas ahead; the shift lead.
  'forecast.read': ['police_coordinator', 'shift_lead'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

/** The role an Open311 client's API key acts with (its service user, who files the reports it sends). */
export const OPEN311_CLIENT_ROLE: Role = 'dispatcher';

export function isAllowed(action: string, role: Role): boolean {
  const roles = (PERMISSIONS as Record<string, readonly Role[]>)[action];
  return roles?.includes(role) ?? false;
}
