import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Assignment, FieldReport, UnitStatus } from '../../server/protocol/dispatch';
import { applyAssignment, withReportStatus } from '../../renderer/field/assignments';
import { effectiveStatus, loadQueue, type QueuedCommand, saveQueue, totalQueued } from '../../renderer/field/queue';
import { EMPTY_DRAFT } from '../../renderer/shared/resolution/draft';

/** localStorage as the browser has it, enough for queue.ts. */
class MemoryStorage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const at = '2026-03-10T10:00:00.000Z';
const status = (commandId: string, to: UnitStatus): QueuedCommand => ({
  kind: 'status',
  commandId,
  queuedAt: at,
  status: to,
  label: to,
});
const finding: QueuedCommand = {
  kind: 'finding',
  commandId: 'f1',
  queuedAt: at,
  reportId: 'r1',
  reportNumber: 'M-000001',
  draft: { ...EMPTY_DRAFT, kind: 'close', foundText: 'half getypt' },
  photo: { name: 'foto.jpg', type: 'image/jpeg', size: 1234 },
};

describe('effectiveStatus', () => {
  it('the last queued status change wins; without any, the hub’s', () => {
    expect(effectiveStatus('beschikbaar', [])).toBe('beschikbaar');
    expect(effectiveStatus('beschikbaar', [status('a', 'onderweg'), finding, status('b', 'ter_plaatse')])).toBe('ter_plaatse');
  });
});

describe('the stored queue', () => {
  let storage: MemoryStorage;
  beforeEach(() => {
    storage = new MemoryStorage();
    (globalThis as { localStorage?: unknown }).localStorage = storage;
  });
  afterEach(() => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });

  it('round-trips per user, a finding with its draft and photo included', () => {
    const queue = [status('a', 'onderweg'), finding, { kind: 'emergency', commandId: 'e1', queuedAt: at } as const];
    saveQueue('u1', queue);
    expect(loadQueue('u1')).toEqual(queue);
    expect(loadQueue('u2')).toEqual([]);
  });

  it('an empty queue removes the entry', () => {
    saveQueue('u1', [finding]);
    saveQueue('u1', []);
    expect(storage.length).toBe(0);
  });

  it('skips what is not a command and survives broken JSON', () => {
    storage.setItem('meldkamer.field.queue.u1', JSON.stringify([finding, { kind: 'reboot' }, null, { commandId: 'x' }]));
    expect(loadQueue('u1')).toEqual([finding]);
    storage.setItem('meldkamer.field.queue.u1', '{nope');
    expect(loadQueue('u1')).toEqual([]);
  });

  it('totalQueued counts every user’s commands on the device, nothing else', () => {
    saveQueue('u1', [finding, status('a', 'pauze')]);
    saveQueue('u2', [status('b', 'bezet')]);
    storage.setItem('other', 'x');
    expect(totalQueued()).toBe(3);
  });

  it('without storage: empty, and saving does not throw', () => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
    expect(loadQueue('u1')).toEqual([]);
    expect(() => saveQueue('u1', [finding])).not.toThrow();
    expect(totalQueued()).toBe(0);
  });
});

describe('assignments', () => {
  const report: FieldReport = { id: 'r1', number: 'M-000001', category: 'parkeren', lat: 52, lng: 4, address: null, description: 'x', priority: 'high', status: 'new' };
  const offer = (state: Assignment['state'], id = 'a1'): Assignment => ({
    id,
    reportId: 'r1',
    unitId: 'u1',
    state,
    offeredAt: at,
    expiresAt: '2026-03-10T10:01:00.000Z',
    respondedAt: null,
    offeredBy: null,
  });

  it('a new offer is added (and buzzes); an update replaces it in place', () => {
    const first = applyAssignment([], offer('offered'), report);
    expect(first).toMatchObject({ newOffer: true, offerGone: null });
    expect(first.assignments).toHaveLength(1);
    const accepted = applyAssignment(first.assignments, offer('accepted'), { ...report, status: 'dispatched' });
    expect(accepted.newOffer).toBe(false);
    expect(accepted.assignments.map((a) => [a.assignment.state, a.report.status])).toEqual([['accepted', 'dispatched']]);
  });

  it('an open offer that expires or is withdrawn goes, and the user is told', () => {
    const list = applyAssignment([], offer('offered'), report).assignments;
    expect(applyAssignment(list, offer('expired'), report)).toEqual({ assignments: [], newOffer: false, offerGone: 'expired' });
    expect(applyAssignment(list, offer('withdrawn'), report).offerGone).toBe('withdrawn');
    expect(applyAssignment(list, offer('declined'), report).offerGone).toBeNull();
  });

  it('an accepted assignment that completes goes quietly; an unknown closed one changes nothing', () => {
    const list = applyAssignment([], offer('accepted'), report).assignments;
    expect(applyAssignment(list, offer('completed'), report)).toEqual({ assignments: [], newOffer: false, offerGone: null });
    expect(applyAssignment(list, offer('expired', 'other'), report).assignments).toBe(list);
  });

  it('withReportStatus updates the report on its assignments only', () => {
    const list = [
      ...applyAssignment([], offer('accepted'), report).assignments,
      ...applyAssignment([], offer('offered', 'a2'), { ...report, id: 'r2' }).assignments,
    ];
    expect(withReportStatus(list, { id: 'r1', status: 'in_progress' }).map((a) => a.report.status)).toEqual(['in_progress', 'new']);
  });
});
