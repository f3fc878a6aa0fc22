import { describe, expect, it } from 'vitest';
import type { OverviewEvent, OverviewReport, OverviewSnapshot } from '../../server/protocol/overview';
import { OverviewFeed } from '../../renderer/shared/overview/overviewFeed';

const AT = '2026-12-01T10:00:00.000Z';
const report = (id: string, version: number, status: OverviewReport['status'] = 'new'): OverviewReport => ({
  id,
  number: `M-${id}`,
  category: 'groen',
  priority: 'normal',
  status,
  createdAt: AT,
  statusSince: AT,
  slaDeadline: null,
  slaAtRiskFrom: null,
  awaitingReplySince: null,
  followUpDate: null,
  deliveryFailed: false,
  version,
});
const snapshot = (seq: number, reports: OverviewReport[]): OverviewSnapshot => ({
  seq,
  at: AT,
  timeZone: 'Europe/Amsterdam',
  reports,
  units: [],
  emergencies: [],
  alerts: [],
});
const created = (seq: number, id: string): OverviewEvent => ({ seq, at: AT, changes: [{ kind: 'report', report: report(id, seq) }] });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('OverviewFeed (renderer/shared/overview/overviewFeed.ts)', () => {
  it('takes the snapshot on connect and applies the events buffered meanwhile that it does not include', async () => {
    let release: (s: OverviewSnapshot) => void = () => undefined;
    const feed = new OverviewFeed({ fetchSnapshot: () => new Promise((resolve) => (release = resolve)) });
    feed.connected();
    feed.push(created(11, 'b'));
    feed.push(created(10, 'a'));
    expect(feed.state).toBeNull();
    release(snapshot(10, [report('a', 10)]));
    await settle();
    expect(feed.status).toBe('live');
    expect(feed.lastSeq).toBe(11);
    expect([...(feed.state?.reports.keys() ?? [])].sort()).toEqual(['a', 'b']);
  });

  it('ignores duplicates, and on a gap fetches a new snapshot instead of skipping events', async () => {
    const snapshots = [snapshot(5, []), snapshot(8, [report('x', 6), report('y', 7), report('z', 8)])];
    let fetches = 0;
    const feed = new OverviewFeed({ fetchSnapshot: async () => snapshots[fetches++] ?? snapshot(8, []) });
    feed.connected();
    await settle();
    feed.push(created(6, 'x'));
    feed.push(created(6, 'x'));
    expect(feed.lastSeq).toBe(6);
    feed.push(created(8, 'z'));
    await settle();
    expect(fetches).toBe(2);
    expect(feed.lastSeq).toBe(8);
    expect([...(feed.state?.reports.keys() ?? [])].sort()).toEqual(['x', 'y', 'z']);
  });

  it('retries a failed snapshot and reports it', async () => {
    let calls = 0;
    const errors: unknown[] = [];
    const feed = new OverviewFeed({
      fetchSnapshot: async () => {
        calls += 1;
        if (calls === 1) throw new Error('hub down');
        return snapshot(3, []);
      },
      onError: (e) => errors.push(e),
      retryDelayMs: 1,
    });
    feed.connected();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(errors).toHaveLength(1);
    expect(feed.status).toBe('live');
    expect(feed.lastSeq).toBe(3);
    feed.stop();
  });
});
