import type { HubDeps } from '../commands/context';
import { type FollowUpResult, followUpStep } from '../commands/follow-up';
import { runCommand } from '../commands/run-command';
import { isFollowUpDueAt, latestPossiblyDueDate } from '../domain/follow-up';
import { ensureVisitTemplates, type ScheduledFollowUp, scheduledFollowUps } from '../store/follow-ups';
import { FailureBackoff } from './failure-backoff';
import type { FollowUpJobSettings } from './follow-up-config';
import { Periodic } from './periodic';

/** Scheduled reports looked at per read, earliest follow-up date first. */
const BATCH = 50;
/** Reports acted on per look at most; the rest follow in the next look (a city's morning stays a few seconds). */
const MAX_PER_LOOK = 1000;
/** The longest a report that keeps failing waits between tries. */
const MAX_BACKOFF_MS = 3_600_000;

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
  private readonly schedule: Periodic;
  /** The look in progress: a tick waits for it and then looks again (tests tick by hand). */
  private last: Promise<FollowUpLook> = Promise.resolve({ own: 0, other: 0 });
  private readonly step;
  private templatesChecked = false;
  /** Reports whose act failed wait before the next try: from one look's interval, doubling, up to an hour. */
  private readonly backoff: FailureBackoff;

  constructor(
    private readonly deps: HubDeps,
    private readonly settings: FollowUpJobSettings,
    private readonly nodeId: string,
    everyMs = 60_000,
  ) {
    this.step = followUpStep(() => this.settings);
    this.backoff = new FailureBackoff(everyMs, MAX_BACKOFF_MS);
    this.schedule = new Periodic(everyMs, () => this.tick(), deps.log, 'follow-up look');
  }

  start(): void {
    this.schedule.start();
  }

  stop(): Promise<void> {
    return this.schedule.stop();
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
    // Read in pages past the last one seen (keyset), so reports that stay (failed, or waiting after a failure) never
    // take the place of the ones behind them.
    let after: ScheduledFollowUp | undefined;
    let attempts = 0;
    while (attempts < MAX_PER_LOOK) {
      const now = deps.clock();
      const candidates = await scheduledFollowUps(deps.store.db, { upTo: latestPossiblyDueDate(now, settings), limit: BATCH, after });
      for (const candidate of candidates) {
        if (!isFollowUpDueAt(candidate.followUpDate, now, settings)) return done;
        after = candidate;
        const key = `${candidate.reportId}|${candidate.followUpDate}`;
        if (this.backoff.waiting(key, now.getTime())) continue;
        attempts += 1;
        const result = await this.act(candidate, key);
        if (result) done[result.kind] += 1;
        if (attempts >= MAX_PER_LOOK) return done;
      }
      if (candidates.length < BATCH) break;
    }
    return done;
  }

  private async act(candidate: ScheduledFollowUp, key: string): Promise<FollowUpResult | null> {
    const { reportId, followUpDate } = candidate;
    try {
      const result = await runCommand(this.deps, this.step, 'system', { reportId, followUpDate, nodeId: this.nodeId });
      this.backoff.succeeded(key);
      return result;
    } catch (err) {
      // One report that cannot move (a store error) does not hold up the others: it waits (longer after each failure
      // in a row) and the looks go past it meanwhile.
      const { failures, retryAt } = this.backoff.failed(key, this.deps.clock().getTime());
      this.deps.log.warn({ err, reportId, followUpDate, failures, retryAt: retryAt.toISOString() }, 'follow-up date: not acted on this time; tried again later');
      return null;
    }
  }
}
