import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../renderer/console/i18n/messages';
import { filterReports, newestFirst } from '../../renderer/console/queue/filterReports';
import { countByStatusFilter, matchesStatusFilter, QUEUE_STATUS_FILTERS, type QueueStatusFilter } from '../../renderer/console/queue/statusFilters';
import { aReport, PARKING, WASTE } from './renderer-fixtures';

const TODAY = '2026-03-10';
const categories = new Map([
  [PARKING.code, PARKING],
  [WASTE.code, WASTE],
]);
const context = { today: TODAY, categories, label: (r: { status: string; priority: string }) => `${r.status}-label ${r.priority}-label` };

const fresh = aReport({ id: 'new', number: 'M-000003', createdAt: '2026-03-10T10:00:00.000Z' });
const sameMinute = aReport({ id: 'same', number: 'M-000004', createdAt: '2026-03-10T10:00:00.000Z', category: 'afval', address: 'Plein 1' });
const working = aReport({ id: 'work', number: 'M-000002', status: 'in_progress', createdAt: '2026-03-10T08:00:00.000Z' });
const dueToday = aReport({ id: 'due', number: 'M-000001', status: 'scheduled', followUpDate: TODAY, createdAt: '2026-03-01T08:00:00.000Z' });
const later = aReport({ id: 'later', number: 'M-000000', status: 'scheduled', followUpDate: '2026-03-20', delivery: 'failed', createdAt: '2026-02-01T08:00:00.000Z' });
const all = [later, working, fresh, dueToday, sameMinute];

describe('queue order', () => {
  it('newest first; the same time by number, highest first', () => {
    expect(newestFirst(all).map((r) => r.id)).toEqual(['same', 'new', 'work', 'due', 'later']);
    expect(all[0]).toBe(later);
  });
});

describe('status filters', () => {
  it('each filter lets through its reports', () => {
    const ids = (filter: QueueStatusFilter) =>
      all.filter((r) => matchesStatusFilter(r, filter, TODAY)).map((r) => r.id);
    expect(ids('all')).toHaveLength(5);
    expect(ids('new')).toEqual(['new', 'same']);
    expect(ids('active')).toEqual(['work']);
    expect(ids('scheduled')).toEqual(['later', 'due']);
    expect(ids('follow_up_due')).toEqual(['due']);
    expect(ids('delivery_failed')).toEqual(['later']);
    expect(ids('reopen_requested')).toEqual([]);
  });

  it('reopen requests older than 2 weeks: by the time the overview says each took its status (else by its creation), as the overview counts them', () => {
    const now = Date.parse('2026-03-20T12:00:00.000Z');
    const oldOne = aReport({ id: 'old', status: 'reopen_requested', createdAt: '2026-01-10T08:00:00.000Z' });
    const recent = aReport({ id: 'recent', status: 'reopen_requested', createdAt: '2026-01-10T08:00:00.000Z' });
    const unknown = aReport({ id: 'unknown', status: 'reopen_requested', createdAt: '2026-03-01T08:00:00.000Z' });
    const since = new Map([
      ['old', '2026-03-05T11:59:00.000Z'],
      ['recent', '2026-03-10T08:00:00.000Z'],
    ]);
    const ids = [oldOne, recent, unknown, working]
      .filter((r) => matchesStatusFilter(r, 'old_reopen_requested', TODAY, now, since))
      .map((r) => r.id);
    expect(ids).toEqual(['old', 'unknown']);
    // Without the clock it lets nothing through, as the other time filters.
    expect(matchesStatusFilter(oldOne, 'old_reopen_requested', TODAY, undefined, since)).toBe(false);
  });

  it('counts every filter', () => {
    expect(countByStatusFilter(all, TODAY)).toEqual({
      all: 5,
      new: 2,
      waiting_for_unit: 2,
      active: 1,
      triaged: 0,
      dispatched: 0,
      in_progress: 1,
      awaiting_review: 0,
      scheduled: 2,
      follow_up_due: 1,
      reopen_requested: 0,
      old_reopen_requested: 0,
      delivery_failed: 1,
      // Handling-time filters count only with the clock (none of these reports has a deadline either).
      due_today: 0,
      at_risk: 0,
      overdue: 0,
      long_open: 0,
    });
  });
});

describe('filterReports', () => {
  const sorted = newestFirst(all);
  const run = (text: string, category = '', status: QueueStatusFilter = 'all') =>
    filterReports(sorted, { text, category, status }, context).map((r) => r.id);

  it('no filter: the same list', () => {
    expect(filterReports(sorted, { text: '  ', category: '', status: 'all' }, context)).toBe(sorted);
  });

  it('text matches number, address, category names and the shown status, case-insensitively', () => {
    expect(run('m-000004')).toEqual(['same']);
    expect(run('plein')).toEqual(['same']);
    expect(run('WASTE NEXT')).toEqual(['same']);
    expect(run('fout geparkeerd')).toEqual(['new', 'work', 'due', 'later']);
    expect(run('in_progress-label')).toEqual(['work']);
    expect(run('geen treffer')).toEqual([]);
  });

  it('does not search the description: the queue holds slim rows, words are found by the report search', () => {
    expect(run('bestelbus')).toEqual([]);
  });

  it('category and status narrow the text match', () => {
    expect(run('', 'afval')).toEqual(['same']);
    expect(run('fout geparkeerd', 'parkeren', 'scheduled')).toEqual(['due', 'later']);
  });
});

describe('status filter labels', () => {
  it('no two filters of the queue read the same, in either language (a dispatcher picks by the words)', () => {
    for (const locale of ['nl', 'en'] as const) {
      const labels = QUEUE_STATUS_FILTERS.map((f) => MESSAGES[locale][`filter.${f}` as keyof (typeof MESSAGES)['nl']]);
      expect(labels.every((l) => typeof l === 'string' && l.length > 0), locale).toBe(true);
      expect(new Set(labels).size, `${locale}: ${labels.join(' | ')}`).toBe(labels.length);
    }
  });
});

