import { closeSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { PAPER_ROW_FIELDS, type PaperRow, paperQueuePieces } from '../domain/paper-queue';
import { QUEUE_ROW_FIELDS } from '../protocol/report-queue';
import { emergencyState } from '../store/operations-readings';
import type { Store } from '../store/open';
import { type QueueCursor, openQueuePageJson } from '../store/report-queue';
import { Periodic } from './periodic';

export const PAPER_FILE = 'open-meldingen.html';
const PAGE = 5000;
/** Where each printed field is in a queue page's tuples. */
const PAPER_AT = PAPER_ROW_FIELDS.map((field) => [field, QUEUE_ROW_FIELDS.indexOf(field)] as const);

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

  /**
   * Writes the page now; answers its path. Of each open report only what the page prints is kept, and the page goes
   * to the file a piece at a time: with 20,000 open reports, the whole queue as row objects and the page as one
   * string took ~40 MB at each write (docs/BENCHMARKS.md, hub memory).
   */
  async write(): Promise<string> {
    const rows: PaperRow[] = [];
    let after: QueueCursor | null = null;
    do {
      const page = await openQueuePageJson(this.store.db, after, PAGE);
      for (const tuple of JSON.parse(page.rowsJson.toString()) as unknown[][]) {
        const row: Partial<Record<keyof PaperRow, unknown>> = {};
        for (const [field, at] of PAPER_AT) row[field] = tuple[at];
        rows.push(row as PaperRow);
      }
      after = page.next;
    } while (after);
    const emergencies = await emergencyState(this.store.db);
    const pieces = paperQueuePieces({
      rows,
      generatedAt: this.clock(),
      timeZone: this.settings.timeZone,
      municipality: this.settings.municipality,
      emergenciesOpen: emergencies.open,
    });
    mkdirSync(this.settings.dir, { recursive: true });
    const file = join(this.settings.dir, PAPER_FILE);
    const fd = openSync(`${file}.partial`, 'w');
    try {
      for (const piece of pieces) writeSync(fd, piece);
    } finally {
      closeSync(fd);
    }
    renameSync(`${file}.partial`, file);
    return file;
  }
}
