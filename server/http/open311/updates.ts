import type { Outcome, ReportStatus } from '../../protocol/report';
import type { Resolution } from '../../protocol/resolution';

/**
 * mySociety's `servicerequestupdates` extension (the status updates FixMyStreet polls), pure. Rules:
 * - Status: new and reopen_requested → OPEN, triaged → INVESTIGATING, dispatched/in_progress/awaiting_review →
 *   IN_PROGRESS, scheduled → ACTION_SCHEDULED; closed by outcome: resolved → FIXED, referred →
 *   NOT_COUNCILS_RESPONSIBILITY (INTERNAL_REFERRAL when referred to one of the municipality's own departments),
 *   no_action/not_found → NO_FURTHER_ACTION, duplicate → DUPLICATE, cancelled → CLOSED.
 * - Once scheduled, a report reads ACTION_SCHEDULED while it is open, also when it is back in the queue on its
 *   follow-up date or sent out again (as the status page's "ingepland"), until it is closed or a reopen is asked or
 *   decided (citizenStatuses).
 * - One update per citizen-facing change: a status change whose extended status differs from the one before, or that
 *   sends the reporter a message (rescheduling, a reopen decision); a change with a message is still one update.
 *   Steps the citizen cannot see (dispatched → in_progress → awaiting_review) give none.
 * - `update_id` is the status change's event seq: stable and unique. `external_status_code` is the hub's own
 *   status, with the outcome when closed (`closed:referred`).
 * - A sensitive category (overlast: its reports describe neighbours) gets only a fixed sentence per status
 *   (SENSITIVE_DESCRIPTIONS) and no media, as the public request list leaves out its texts.
 * - The description is the message the reporter got, made public (publicDescription); without one (no reporter, or a
 *   key whose app informs its users itself) it is said from the resolution (describeResolution).
 */

export const EXTENDED_STATUSES = [
  'OPEN',
  'INVESTIGATING',
  'IN_PROGRESS',
  'ACTION_SCHEDULED',
  'FIXED',
  'NO_FURTHER_ACTION',
  'NOT_COUNCILS_RESPONSIBILITY',
  'INTERNAL_REFERRAL',
  'DUPLICATE',
  'CLOSED',
] as const;
export type ExtendedStatus = (typeof EXTENDED_STATUSES)[number];

const BY_STATUS: Record<Exclude<ReportStatus, 'closed'>, ExtendedStatus> = {
  new: 'OPEN',
  reopen_requested: 'OPEN',
  triaged: 'INVESTIGATING',
  dispatched: 'IN_PROGRESS',
  in_progress: 'IN_PROGRESS',
  awaiting_review: 'IN_PROGRESS',
  scheduled: 'ACTION_SCHEDULED',
};

const BY_OUTCOME: Record<Outcome, ExtendedStatus> = {
  resolved: 'FIXED',
  referred: 'NOT_COUNCILS_RESPONSIBILITY',
  no_action: 'NO_FURTHER_ACTION',
  not_found: 'NO_FURTHER_ACTION',
  duplicate: 'DUPLICATE',
  cancelled: 'CLOSED',
};

/** `internal`: referred to a department of the municipality itself. */
export function extendedStatus(status: ReportStatus, outcome: Outcome | null, internal = false): ExtendedStatus {
  if (status !== 'closed') return BY_STATUS[status];
  if (!outcome) return 'CLOSED';
  if (outcome === 'referred' && internal) return 'INTERNAL_REFERRAL';
  return BY_OUTCOME[outcome];
}

/** The hub's own status for `external_status_code`: `scheduled`, `closed:referred`. */
export function externalStatusCode(status: ReportStatus, outcome: Outcome | null): string {
  return status === 'closed' && outcome ? `closed:${outcome}` : status;
}

/** Referred to one of our own departments (the category departments), by the resolution's `referredTo`. */
export function isInternalReferral(resolution: Resolution | null | undefined, departments: readonly string[]): boolean {
  const to = resolution?.kind === 'close' ? (resolution as { referredTo?: string | null }).referredTo : undefined;
  if (!to) return false;
  const name = to.trim().toLowerCase();
  return departments.some((d) => d.trim().toLowerCase() === name);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A first line that only greets: "Beste Jan Jansen,", "Dear reporter,", "Geachte heer Jansen,". */
const GREETING = /^(beste|geachte|dear|hallo|hello|hi|goedemorgen|goedemiddag|goedenavond)\b[^\n]{0,80},?\s*$/i;

/**
 * The public version of a message to the reporter, for a public update (FixMyStreet publishes it): derived from the
 * composed text, whatever the template, by removing
 * - the greeting (a first line that only greets),
 * - every line holding the personal status link (any link with the status token), the token or the access code,
 * - the reporter's names wherever they appear.
 * Blank lines left over collapse to one.
 */
export function publicDescription(text: string, secrets: { token: string | null; code: string | null; names: readonly string[] }): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const firstText = lines.findIndex((l) => l.trim().length > 0);
  if (firstText >= 0 && GREETING.test(lines[firstText]?.trim() ?? '')) lines.splice(firstText, 1);
  const secret = [secrets.token, secrets.code].filter((s): s is string => !!s && s.length >= 4);
  const kept = lines.filter((line) => !secret.some((s) => line.includes(s)) && !/\/status\/[A-Za-z0-9_-]{8,}/.test(line));
  let result = kept.join('\n');
  // The whole name in any case; of its parts only capitalised ones of 3+ letters, as written ("Jan", "Vries", not "de").
  const whole = secrets.names.map((n) => n.trim()).filter((n) => n.length >= 2);
  const parts = whole.flatMap((n) => n.split(/\s+/)).filter((p) => p.length >= 3 && /^\p{Lu}/u.test(p));
  const byLength = (a: string, b: string) => b.length - a.length;
  for (const [name, flags] of [...[...new Set(whole)].sort(byLength).map((n) => [n, 'giu']), ...[...new Set(parts)].sort(byLength).map((p) => [p, 'gu'])]) {
    result = result.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name ?? '')}(?![\\p{L}\\p{N}])`, flags), '');
  }
  return result
    .split('\n')
    .map((l) => l.replace(/[ \t]{2,}/g, ' ').replace(/\s+([,.])/g, '$1').trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Said from the status change itself when the reporter got no message: what was found and done, and what next when. */
export function describeResolution(to: ReportStatus, resolution: Resolution | null | undefined, referenceNumber?: string): string {
  const parts: string[] = [];
  if (resolution) {
    parts.push(resolution.found.text.trim(), resolution.action.text.trim());
    if (resolution.followUp) {
      parts.push(`${resolution.followUp.what.trim()} Gepland op ${resolution.followUp.date}.`.trim());
    }
  }
  if (parts.length === 0) {
    const plain: Partial<Record<ReportStatus, string>> = {
      triaged: 'De melding is beoordeeld en staat in de wachtrij.',
      dispatched: 'Er is een medewerker onderweg.',
      in_progress: 'Een medewerker is ermee bezig.',
      reopen_requested: 'De melder vraagt de melding te heropenen; de chef van dienst beslist.',
    };
    parts.push(plain[to] ?? '');
  }
  if (referenceNumber && !parts.some((p) => p.includes(referenceNumber))) parts.push(`Zie melding ${referenceNumber}.`);
  return parts
    .filter((p) => p.length > 0)
    .map((p) => (/[.!?]$/.test(p) ? p : `${p}.`))
    .join(' ');
}

/** The surviving report's number named in a duplicate's resolution ("Samengevoegd met melding M-000012"). */
export function survivingReportNumber(resolution: Resolution | null | undefined): string | undefined {
  if (!resolution) return undefined;
  return /\bM-\d{6,}\b/.exec(`${resolution.action.text} ${resolution.found.text}`)?.[0];
}

/** A status change of one report, as citizenStatuses reads it. */
export interface StatusChange {
  seq: number;
  from: ReportStatus;
  to: ReportStatus;
  outcome: Outcome | null;
  /** Referred to one of the municipality's own departments. */
  internal: boolean;
}

/**
 * The extended status the citizen read before and after each change of ONE report (its changes oldest first), by seq.
 * `before` is undefined after a close (every change out of closed is news). Scheduled stays ACTION_SCHEDULED while
 * the report is open: the follow-up date putting it back in the queue, or the desk sending someone again, is not a
 * change the citizen sees; a close, a reopen request and the reopen decision end it.
 */
export function citizenStatuses(changes: readonly StatusChange[]): Map<number, { before: ExtendedStatus | undefined; after: ExtendedStatus }> {
  const out = new Map<number, { before: ExtendedStatus | undefined; after: ExtendedStatus }>();
  let scheduled = false;
  let current: ExtendedStatus | undefined;
  for (const change of changes) {
    const before = change.from === 'closed' ? undefined : (current ?? extendedStatus(change.from, null));
    if (change.to === 'scheduled') scheduled = true;
    if (change.to === 'closed' || change.to === 'reopen_requested' || change.from === 'reopen_requested') scheduled = false;
    const after = scheduled ? 'ACTION_SCHEDULED' : extendedStatus(change.to, change.outcome, change.internal);
    out.set(change.seq, { before, after });
    current = after;
  }
  return out;
}

/** The whole description of an update of a sensitive category: nothing the desk or the reporter wrote. */
export const SENSITIVE_DESCRIPTIONS: Record<ExtendedStatus, string> = {
  OPEN: 'De melding staat open.',
  INVESTIGATING: 'De melding wordt beoordeeld.',
  IN_PROGRESS: 'Er wordt aan de melding gewerkt.',
  ACTION_SCHEDULED: 'Er is een vervolg ingepland.',
  FIXED: 'De melding is afgehandeld.',
  NO_FURTHER_ACTION: 'De melding is afgesloten; er is geen verdere actie nodig.',
  NOT_COUNCILS_RESPONSIBILITY: 'De melding is doorgestuurd naar de verantwoordelijke partij.',
  INTERNAL_REFERRAL: 'De melding is doorgestuurd binnen de gemeente.',
  DUPLICATE: 'De melding is samengevoegd met een eerdere melding.',
  CLOSED: 'De melding is afgesloten.',
};
