import { z } from 'zod';
import { Report } from './report';

/**
 * The open queue's slim row: what the console's queue list, its filters and counts, the SLA and follow-up display
 * and the map read of a report, and nothing else (no description, source, outcome, reporter counts or updatedAt).
 * The whole report is fetched when one is opened (`reports.detail`). Events carry whole reports; the console keeps
 * their slim row (toQueueRow), so the cache holds one shape whichever way a report came in.
 *
 * To add a field: add its name to QUEUE_ROW_FIELDS (a field of `Report`, at the end), its SQL expression for
 * both stores to QUEUE_ROW_SQL in server/store/report-queue.ts (a column of reports_open_queue, or the PostgreSQL
 * page reads the table), the field to the decoder's object literal (rowOf below: the type check says when it is
 * missing), and what reads it in the console. The tuple schema, the row type and toQueueRow follow from the list.
 */
export const QUEUE_ROW_FIELDS = [
  'id',
  'number',
  'category',
  'lat',
  'lng',
  'address',
  'priority',
  'status',
  'followUpDate',
  'slaDeadline',
  'delivery',
  'createdAt',
  'version',
  'slaAtRiskFrom',
  'parentNumber',
  'partCount',
  'awaitingReplySince',
] as const satisfies readonly (keyof Report)[];
export type QueueRowField = (typeof QUEUE_ROW_FIELDS)[number];

export type QueueRow = Pick<Report, QueueRowField>;

type Shape = typeof Report.shape;
type TupleSchema<F extends readonly QueueRowField[]> = { -readonly [K in keyof F]: F[K] extends QueueRowField ? Shape[F[K]] : never };

/** A queue row on the wire: its values in the order of QUEUE_ROW_FIELDS (a page of objects repeats every key). */
export const QueueRowTuple = z.tuple(QUEUE_ROW_FIELDS.map((field) => Report.shape[field]) as unknown as TupleSchema<typeof QUEUE_ROW_FIELDS>);
export type QueueRowTuple = z.infer<typeof QueueRowTuple>;

/** A whole report (an event's, a command's answer) as the queue holds it. */
/** What the page gives for a field a full report leaves out when empty (a report without parts has no partCount). */
const ABSENT_AS: Partial<Record<QueueRowField, unknown>> = { partCount: 0 };

export function toQueueRow(report: QueueRow): QueueRow {
  const row: Partial<Record<QueueRowField, unknown>> = {};
  for (const field of QUEUE_ROW_FIELDS) row[field] = report[field] ?? ABSENT_AS[field] ?? null;
  return row as QueueRow;
}

/** Where each field is in a page's tuples (-1 when the page lacks it: the row then has it undefined). */
type FieldPlaces = Record<QueueRowField, number>;

/**
 * One row from its tuple, as one object literal with every field in QUEUE_ROW_FIELDS order (`satisfies` makes a
 * field added to the list an error here until it is added): every row then has the same shape in V8. Assigning
 * the fields by computed name, one after another, was 15× slower (1.6 against 0.1 ms per 5,000 rows, Node 20).
 */
function rowOf(t: readonly unknown[], at: FieldPlaces): QueueRow {
  return {
    id: t[at.id],
    number: t[at.number],
    category: t[at.category],
    lat: t[at.lat],
    lng: t[at.lng],
    address: t[at.address],
    priority: t[at.priority],
    status: t[at.status],
    followUpDate: t[at.followUpDate],
    slaDeadline: t[at.slaDeadline],
    delivery: t[at.delivery],
    createdAt: t[at.createdAt],
    version: t[at.version],
    slaAtRiskFrom: t[at.slaAtRiskFrom],
    parentNumber: t[at.parentNumber],
    partCount: t[at.partCount],
    awaitingReplySince: t[at.awaitingReplySince],
  } satisfies Record<QueueRowField, unknown> as QueueRow;
}

/** The rows of a page as objects, read by the field names the page gives (a field this console does not know is skipped). */
export function decodeQueueRows(fields: readonly string[], rows: readonly (readonly unknown[])[]): QueueRow[] {
  const at = Object.fromEntries(QUEUE_ROW_FIELDS.map((field) => [field, fields.indexOf(field)])) as FieldPlaces;
  const out: QueueRow[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) out[r] = rowOf(rows[r] as readonly unknown[], at);
  return out;
}

/** Largest page of `reports.queue`; the console asks 200 first (shown at once), then pages of this size. */
export const QUEUE_PAGE_MAX = 5000;

export const QueueQuery = z.object({
  /** The `next` of the previous page; absent for the first page. Opaque to clients. */
  after: z.string().max(200).regex(/^[^|]+\|[^|]+$/).optional(),
  limit: z.coerce.number().int().min(1).max(QUEUE_PAGE_MAX).default(200),
});
export type QueueQuery = z.input<typeof QueueQuery>;

/**
 * One page of the open queue, newest first. `seq` is the last event this page includes: a client keeps the
 * first page's seq and applies the events after it; later pages are merged by each report's `version`.
 */
export const QueuePage = z.object({
  /** The names of each row's values, in order (QUEUE_ROW_FIELDS). */
  fields: z.array(z.string()),
  /** The reports of this page as slim rows (QueueRowTuple); decodeQueueRows makes them objects. */
  rows: z.array(QueueRowTuple),
  /** Pass as `after` for the next page; null when this was the last. */
  next: z.string().nullable(),
  /** How many reports are open at this page's snapshot (all pages together hold them, none is cut off). */
  total: z.number().int().min(0),
  seq: z.number().int().min(0),
});
export type QueuePage = z.infer<typeof QueuePage>;

/** The cursor as the hub writes it: the last report's created_at and id. */
export function encodeQueueCursor(cursor: { createdAt: string; id: string }): string {
  return `${cursor.createdAt}|${cursor.id}`;
}

/** Reads a cursor that passed QueueQuery's pattern. */
export function decodeQueueCursor(after: string): { createdAt: string; id: string } {
  const bar = after.indexOf('|');
  return { createdAt: after.slice(0, bar), id: after.slice(bar + 1) };
}
