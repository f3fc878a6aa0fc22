import type { HubDeps } from '../commands/context';
import { autoDispatchReport } from '../commands/auto-dispatch';
import { type AutoDispatchSettings, autoDispatchReason, coveredCategories, deskAwayMs, isAutoDispatchOn, settingFor } from '../domain/auto-dispatch';
import type { PositionFix } from '../protocol/dispatch';
import { CONSOLE_NAMESPACE } from '../protocol/socket';
import { deskSeenAt, markDeskSeen, waitingReports } from '../store/auto-dispatch';
import { Periodic } from './periodic';
import type { HubServer } from './socket-server';

/** A node with a desk console refreshes the hub-wide "desk seen" mark at most this often (hub clock). */
const DESK_MARK_EVERY_MS = 30_000;
/** Reports looked at per tick, oldest first. */
const BATCH = 20;

/**
 * Auto-dispatch (domain/auto-dispatch.ts): every `everyMs`, on every hub node, looks for reports that wait
 * unassigned in a category with a setting and offers the due ones (commands/auto-dispatch.ts). Several nodes
 * are safe: the offer records itself in one row per report, which exactly one node can write.
 * Whether a desk console is connected: this node's own sockets, and for the other nodes the hub-wide mark
 * they refresh while one is connected to them. All times are the hub clock.
 */
export class AutoDispatcher {
  private readonly schedule: Periodic;
  /** The look in progress: a tick waits for it and then looks again (tests tick by hand). */
  private last: Promise<number> = Promise.resolve(0);
  private markedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly deps: HubDeps,
    private readonly settings: AutoDispatchSettings,
    private readonly nodeId: string,
    private readonly deskHere: () => boolean,
    private readonly livePositions: () => Map<string, PositionFix>,
    everyMs = 1000,
  ) {
    // A look still running when the next is due: skipped rather than queued.
    this.schedule = new Periodic(everyMs, () => this.tick(), deps.log, 'auto-dispatch');
  }

  async start(): Promise<void> {
    if (!isAutoDispatchOn(this.settings)) return;
    // A hub that starts counts the desk as seen then (unless a node saw one later): nobody had the chance to log in.
    await markDeskSeen(this.deps.store.db, this.deps.clock().toISOString(), true);
    this.schedule.start();
  }

  stop(): Promise<void> {
    return this.schedule.stop();
  }

  /** One look; returns how many reports this node offered. */
  tick(): Promise<number> {
    if (!isAutoDispatchOn(this.settings)) return Promise.resolve(0);
    this.last = this.last.then(
      () => this.look(),
      () => this.look(),
    ).catch((err: unknown) => {
      this.deps.log.warn({ err }, 'auto-dispatch failed');
      return 0;
    });
    return this.last;
  }

  private async look(): Promise<number> {
    const { deps } = this;
    const now = deps.clock();
    const here = this.deskHere();
    if (here && (now.getTime() - this.markedAt >= DESK_MARK_EVERY_MS || now.getTime() < this.markedAt)) {
      await markDeskSeen(deps.store.db, now.toISOString());
      this.markedAt = now.getTime();
    }
    const away = deskAwayMs(now, here, here ? null : await deskSeenAt(deps.store.db));
    let offered = 0;
    for (const report of await waitingReports(deps.store.db, { categories: coveredCategories(this.settings), limit: BATCH })) {
      const reason = autoDispatchReason(settingFor(this.settings, report.category), report, now, away);
      if (!reason) continue;
      try {
        if (await autoDispatchReport(deps, report.id, reason, this.nodeId, this.livePositions())) offered += 1;
      } catch (err) {
        deps.log.info({ err, reportId: report.id }, 'auto-dispatch: not offered this time');
      }
    }
    return offered;
  }
}

/** Is a desk console (dispatcher or shift lead) connected to this node? */
export function deskConnected(io: HubServer): boolean {
  for (const socket of io.of(CONSOLE_NAMESPACE).sockets.values()) {
    const role = socket.data.user?.role;
    if (role === 'dispatcher' || role === 'shift_lead') return true;
  }
  return false;
}
