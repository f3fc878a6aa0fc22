import type { TimelineEntry } from '../../server/protocol/detail';
import type { ReportStatus } from '../../server/protocol/report';
import type { Resolution } from '../../server/protocol/resolution';

let seq = 0;

/** A transition in a report's timeline as the store reads it, a day apart from the one before (for the citizen view). */
export function transitionStep(from: ReportStatus, to: ReportStatus, resolution: Resolution | null = null, note: string | null = null): TimelineEntry {
  seq += 1;
  return {
    seq,
    at: new Date(Date.UTC(2026, 11, 20 + seq, 8)).toISOString(),
    type: 'report.transitioned',
    actor: null,
    from,
    to,
    outcome: resolution?.kind === 'close' ? resolution.outcome : null,
    resolution,
    resolutionState: resolution ? 'confirmed' : null,
    note,
  };
}
