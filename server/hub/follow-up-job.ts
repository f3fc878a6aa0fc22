import type { HubDeps } from '../commands/context';
import { type FollowUpResult, followUpStep } from '../commands/follow-up';
import { runCommand } from '../commands/run-command';
import { isFollowUpDueAt, latestPossiblyDueDate } from '../domain/follow-up';
import { ensureVisitTemplates, scheduledFollowUps } from '../store/follow-ups';
import type { FollowUpJobSettings } from './follow-up-config';

/** Scheduled reports looked at per read, earliest follow-up date first. */
const BATCH = 50;
/** Reports acted on per look at most; the rest follow in the next look (a city's morning stays a few seconds). */
const MAX_PER_LOOK = 1000;

export interface FollowUpLook {
  own: number;
  other: number;
}

/**
 * The follow-up date acting (commands/follow-up.ts), every `everyMs` on every hub node, on the hub clock. A look
 * reads the scheduled reports whose date has come (read-only, no lock) and gives each due one its own write
 * transaction, which decides again under the lock and records the act in one row per report and date: on several
 * nodes exactly one acts. Due-ness grows with the date (a later date is never due before an earlier one), so a
 * look stops at the first report not due yet.
 */
export class FollowUpJob {
  private timer: NodeJS.Timeout | undefined;
  /** The look in progress: a tick waits for it and then looks again (tests tick by hand). */
  private last: Promise<FollowUpLook> = Promise.resolve({ own: 0, other: 0 });
  private readonly step;
  private templatesChecked = false;

  constructor(
    private readonly deps: HubDeps,
    private readonly settings: FollowUpJobSettings,
    private readonly nodeId: string,
    private readonly everyMs = 60_000,
  ) {
    this.step = followUpStep(() => this.settings);
  }

  start(): void {
    if (this.timer) return;
    let busy = false;
    this.timer = setInterval(() => {
      if (busy) return;
      busy = true;
      void this.tick().finally(() => {
        busy = false;
      });
    }, this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One look; returns how many follow-up dates this node acted on, by kind. */
  tick(): Promise<FollowUpLook> {
    this.last = this.last
      .then(
        () => this.look(),
        () => this.look(),
      )
      .catch((err: unknown) => {
        this.deps.log.warn({ err }, 'follow-up look failed');
        return { own: 0, other: 0 };
      });
    return this.last;
  }

  private async look(): Promise<FollowUpLook> {
    const { deps, settings } = this;
    const done: FollowUpLook = { own: 0, other: 0 };
    if (settings.visitMessage && !this.templatesChecked) {
      await ensureVisitTemplates(deps.store.db, deps.clock().toISOString());
      this.templatesChecked = true;
    }
    const tried = new Set<string>();
    while (tried.size < MAX_PER_LOOK) {
      const now = deps.clock();
      const candidates = await scheduledFollowUps(deps.store.db, { upTo: latestPossiblyDueDate(now, settings), limit: BATCH });
      const fresh = candidates.filter((c) => !tried.has(`${c.reportId}|${c.followUpDate}`));
      let reachedNotDue = false;
      for (const candidate of fresh) {
        if (!isFollowUpDueAt(candidate.followUpDate, now, settings)) {
          reachedNotDue = true;
          break;
        }
        tried.add(`${candidate.reportId}|${candidate.followUpDate}`);
        const result = await this.act(candidate.reportId, candidate.followUpDate);
        if (result) done[result.kind] += 1;
      }
      if (reachedNotDue || fresh.length === 0 || candidates.length < BATCH) break;
    }
    return done;
  }

  private async act(reportId: string, followUpDate: string): Promise<FollowUpResult | null> {
    try {
      return await runCommand(this.deps, this.step, 'system', { reportId, followUpDate, nodeId: this.nodeId });
    } catch (err) {
      // One report that cannot move (a store error) does not hold up the others; the next look tries it again.
      this.deps.log.warn({ err, reportId, followUpDate }, 'follow-up date: not acted on this time');
      return null;
    }
  }
}
