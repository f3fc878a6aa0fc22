import { describe, expect, it } from 'vitest';
import type { HubEvent } from '../../server/protocol/events';
import type { Report } from '../../server/protocol/report';
import { toQueueRow } from '../../server/protocol/report-queue';
import { applyEventToSnapshot, mergeQueuePage, openQueueFromFirstPage } from '../../renderer/console/api/reportsCache';

function report(n: number, version = n, patch: Partial<Report> = {}): Report {
  const at = new Date(Date.UTC(2025, 0, 1, 8, 0, n)).toISOString();
  return {
    id: `r${n}`,
    number: `M-${String(n).padStart(6, '0')}`,
    category: 'afval',
    lat: 52.07,
    lng: 4.3,
    address: null,
    description: `melding ${n}`,
    source: 'phone',
    priority: 'normal',
    status: 'new',
    outcome: null,
    hasReporter: false,
    reporterCount: 0,
    followUpDate: null,
    slaDeadline: null,
    delivery: 'none',
    createdAt: at,
    updatedAt: at,
    version,
    ...patch,
  };
}

/** A report as a queue page carries it. */
const row = (n: number, version = n, patch: Partial<Report> = {}) => toQueueRow(report(n, version, patch));

const updated = (r: Report, seq: number): HubEvent => ({ seq, at: r.updatedAt, actorId: null, type: 'report.updated', report: { ...r, version: seq } });

describe('the open queue loaded page by page', () => {
  it('shows progress until the last page and holds every report of every page once', () => {
    let queue = openQueueFromFirstPage({ rows: [row(9), row(8)], seq: 20, total: 5, next: 'c1' });
    expect(queue.progress).toEqual({ loaded: 2, total: 5 });
    queue = mergeQueuePage(queue, { rows: [row(7), row(6)], total: 5, next: 'c2' });
    expect(queue.progress).toEqual({ loaded: 4, total: 5 });
    queue = mergeQueuePage(queue, { rows: [row(5)], total: 5, next: null });
    expect(queue.progress).toBeNull();
    expect(queue.reports.map((r) => r.id)).toEqual(['r9', 'r8', 'r7', 'r6', 'r5']);
    expect(queue.seq).toBe(20);
  });

  it('a first page that is the whole queue is complete at once', () => {
    expect(openQueueFromFirstPage({ rows: [row(1)], seq: 3, total: 1, next: null }).progress).toBeNull();
  });

  it('a later page read before an event does not undo it: no closed report comes back, no change is lost', () => {
    let queue = openQueueFromFirstPage({ rows: [row(9)], seq: 20, total: 3, next: 'c1' });
    // After the first page: r7 is closed and r8 becomes urgent, before their page arrives with older versions.
    queue = applyEventToSnapshot(queue, updated(report(7, 7, { status: 'closed', outcome: 'resolved' }), 21)) ?? queue;
    queue = applyEventToSnapshot(queue, updated(report(8, 8, { priority: 'urgent' }), 22)) ?? queue;
    queue = mergeQueuePage(queue, { rows: [row(8), row(7)], total: 3, next: null });
    expect(queue.reports.map((r) => [r.id, r.priority])).toEqual([
      ['r9', 'normal'],
      ['r8', 'urgent'],
    ]);
    expect(queue.seq).toBe(22);
    // The event's whole report is kept as its slim row, as the pages bring them: one shape in the cache.
    expect(queue.reports[1]).toEqual(toQueueRow({ ...report(8, 22, { priority: 'urgent' }) }));
    expect(queue.reports[1]).not.toHaveProperty('description');
  });

  it('a page read after a reopening brings the report back', () => {
    let queue = openQueueFromFirstPage({ rows: [row(9)], seq: 20, total: 2, next: 'c1' });
    queue = applyEventToSnapshot(queue, updated(report(7, 7, { status: 'closed', outcome: 'resolved' }), 21)) ?? queue;
    // The page was read after a reopening at seq 23 (its event not applied yet).
    queue = mergeQueuePage(queue, { rows: [row(7, 23, { status: 'reopen_requested' })], total: 2, next: null });
    expect(queue.reports.map((r) => r.id)).toEqual(['r9', 'r7']);
    // The event of the reopening arrives later: the same version, nothing changes.
    const after = applyEventToSnapshot(queue, updated(report(7, 23, { status: 'reopen_requested' }), 23));
    expect(after?.reports.map((r) => [r.id, r.version])).toEqual([
      ['r9', 9],
      ['r7', 23],
    ]);
  });
});
