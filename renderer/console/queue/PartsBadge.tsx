import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import type { QueueRow } from '../../../server/protocol/report-queue';
import { queryKeys } from '../api/queries';
import type { OpenQueue } from '../api/reportsCache';
import { useI18n } from '../i18n';
import './partsBadge.css';

/**
 * Sub-reports in the queue (domain/sub-reports.ts): a part shows "deel van M-…", a split report "2 delen, 1 open".
 * The open parts are counted in the console's open queue (every open report is in it, closed ones leave it), so the
 * count follows the hub's events without asking; the total comes with the row (`partCount`, changed only by a split).
 */
const counted = new WeakMap<readonly QueueRow[], ReadonlyMap<string, number>>();

/** Open parts per main report number, computed once per version of the queue. */
function openPartsByMain(reports: readonly QueueRow[]): ReadonlyMap<string, number> {
  let counts = counted.get(reports);
  if (!counts) {
    const map = new Map<string, number>();
    for (const r of reports) if (r.parentNumber) map.set(r.parentNumber, (map.get(r.parentNumber) ?? 0) + 1);
    counts = map;
    counted.set(reports, counts);
  }
  return counts;
}

function useOpenQueueRows(): readonly QueueRow[] | undefined {
  const queryClient = useQueryClient();
  const subscribe = useCallback((notify: () => void) => queryClient.getQueryCache().subscribe(notify), [queryClient]);
  return useSyncExternalStore(subscribe, () => queryClient.getQueryData<OpenQueue>(queryKeys.openReports)?.reports);
}

export function PartsBadge({ report }: { report: QueueRow }) {
  const { t } = useI18n();
  const rows = useOpenQueueRows();
  if (report.parentNumber) {
    return (
      <span className="row-part-of" data-testid="queue-part-of">
        {t('queue.partOf', { number: report.parentNumber })}
      </span>
    );
  }
  if (!report.partCount) return null;
  const open = rows ? (openPartsByMain(rows).get(report.number) ?? 0) : 0;
  return (
    <span className="row-parts" data-testid="queue-parts">
      {t('queue.parts', { total: report.partCount, open })}
    </span>
  );
}
