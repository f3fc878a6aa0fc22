/**
 * The rows around the fixture's reports, derived from them with a seeded PRNG: a reporter for ~30 % of reports (the
 * share that leaves contact details), the outbox messages those reporters were sent (a receipt, and a closing message
 * for closed reports; all sent long ago), and the event log of the last 60 days (one `report.created` per report,
 * gap-free seqs in creation order, as the hub's event-log lock leaves them).
 */
import { randomUUID } from 'node:crypto';
import type { BulkTable } from '../bulk-load';
import { REPORT_COLUMNS, type Row } from '../report-data';
import { prng } from '../support';

const DAY = 86_400_000;
const REPORTER_SHARE = 0.3;
const EVENT_DAYS = 60;

const col = (name: (typeof REPORT_COLUMNS)[number]) => REPORT_COLUMNS.indexOf(name);
const ID = col('id');
const NUMBER = col('number');
const STATUS = col('status');
const CREATED = col('created_at');
const UPDATED = col('updated_at');

const REPORTER_COLUMNS = ['id', 'report_id', 'name', 'email', 'phone', 'created_at', 'consent_at', 'consent_via'] as const;
const OUTBOX_COLUMNS = [
  'id',
  'report_id',
  'reporter_id',
  'trigger',
  'channel',
  'recipient',
  'subject',
  'body_text',
  'status',
  'attempts',
  'next_attempt_at',
  'created_at',
  'sent_at',
] as const;
const EVENT_COLUMNS = ['seq', 'type', 'report_id', 'actor_id', 'at', 'payload'] as const;

export interface SideRows {
  reporters: BulkTable;
  outbox: BulkTable;
  events: BulkTable;
}

export function sideRows(reports: Row[], now: number): SideRows {
  const rand = prng(20_261_130);
  const reporters: Row[] = [];
  const outbox: Row[] = [];
  const events: Row[] = [];
  const eventsFrom = new Date(now - EVENT_DAYS * DAY).toISOString();
  for (const r of reports) {
    const reportId = r[ID] as string;
    const created = r[CREATED] as string;
    const number = r[NUMBER] as number;
    if (created >= eventsFrom) {
      const report = Object.fromEntries(REPORT_COLUMNS.map((c, k) => [c, r[k]]));
      events.push([events.length + 1, 'report.created', reportId, r[11] ?? null, created, JSON.stringify({ report })]);
    }
    if (rand() >= REPORTER_SHARE) continue;
    const reporterId = randomUUID();
    const byEmail = rand() < 0.7;
    const email = byEmail ? `melder${number}@example.nl` : null;
    const phone = byEmail ? null : `06${String(10_000_000 + (number % 89_999_999)).slice(0, 8)}`;
    reporters.push([reporterId, reportId, `Melder ${number}`, email, phone, created, created, 'console']);
    if (!email) continue;
    const mail = (trigger: string, at: string, subject: string) =>
      outbox.push([
        randomUUID(),
        reportId,
        reporterId,
        trigger,
        'email',
        email,
        subject,
        `Beste melder,\n\n${subject} (melding ${number}).\n\nMet vriendelijke groet,\nGemeente Den Haag`,
        'sent',
        1,
        at,
        at,
        at,
      ]);
    mail('receipt', created, 'Uw melding is ontvangen');
    if (r[STATUS] === 'closed') mail('closed', r[UPDATED] as string, 'Uw melding is afgehandeld');
  }
  return {
    reporters: {
      name: 'reporters',
      columns: REPORTER_COLUMNS,
      pgTypes: ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text'],
      rows: reporters,
    },
    outbox: {
      name: 'outbox',
      columns: OUTBOX_COLUMNS,
      pgTypes: ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'integer', 'text', 'text', 'text'],
      rows: outbox,
    },
    events: { name: 'events', columns: EVENT_COLUMNS, pgTypes: ['bigint', 'text', 'text', 'text', 'text', 'text'], rows: events },
  };
}
