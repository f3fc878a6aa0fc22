import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { renderPaperQueue } from '../domain/paper-queue';
import type { QueueRow } from '../protocol/report-queue';
import { emergencyState } from '../store/operations-readings';
import type { Store } from '../store/open';
import { type QueueCursor, openQueuePage } from '../store/report-queue';
import { Periodic } from './periodic';

export const PAPER_FILE = 'open-meldingen.html';
const PAGE = 5000;

export interface PaperFallbackSettings {
  dir: string;
  everyMinutes: number;
  timeZone: string;
  municipality: string;
}

/**
 * Writes the open queue every few minutes to a printable page (domain/paper-queue.ts) in `dir`, so that a control
 * room whose hub is down can print where it stood and work on from paper. Written beside and renamed into place: the
 * file is always a whole page. Every node writes its own (into its own data directory).
 */
export class PaperFallback {
  private readonly schedule: Periodic;

  constructor(
    private readonly store: Store,
    private readonly settings: PaperFallbackSettings,
    private readonly clock: () => Date,
    log: Pick<Logger, 'warn'>,
  ) {
    this.schedule = new Periodic(settings.everyMinutes * 60_000, () => this.write(), log, 'paper fallback');
  }

  start(): void {
    if (this.settings.everyMinutes === 0) return;
    void this.schedule.tick();
    this.schedule.start();
  }

  stop(): Promise<void> {
    return this.schedule.stop();
  }

  /** Writes the page now; answers its path. */
  async write(): Promise<string> {
    const rows: QueueRow[] = [];
    let after: QueueCursor | null = null;
    do {
      const page = await openQueuePage(this.store.db, after, PAGE);
      rows.push(...page.rows);
      after = page.next;
    } while (after);
    const emergencies = await emergencyState(this.store.db);
    const html = renderPaperQueue({
      rows,
      generatedAt: this.clock(),
      timeZone: this.settings.timeZone,
      municipality: this.settings.municipality,
      emergenciesOpen: emergencies.open,
    });
    mkdirSync(this.settings.dir, { recursive: true });
    const file = join(this.settings.dir, PAPER_FILE);
    writeFileSync(`${file}.partial`, html);
    renameSync(`${file}.partial`, file);
    return file;
  }
}
