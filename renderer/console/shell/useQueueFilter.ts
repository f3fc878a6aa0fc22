import { useMemo, useState } from 'react';
import type { Category } from '../../../server/protocol/report';
import type { QueueRow } from '../../../server/protocol/report-queue';
import { localDate } from '../../shared/time/calendar';
import { useT } from '../i18n';
import { filterReports, inQueueOrder, newestFirst, type QueueOrder } from '../queue/filterReports';
import { countByStatusFilter, type QueueStatusFilter, type StatusSince } from '../queue/statusFilters';

/**
 * The queue: every open report newest first, and the ones the filter lets through in the chosen order. `statusSince`
 * (from the live overview) dates the reopen requests for the "heropenverzoek > 2 weken" filter.
 */
export function useQueueFilter(reports: readonly QueueRow[] | undefined, categories: ReadonlyMap<string, Category>, now: number, statusSince?: StatusSince) {
  const t = useT();
  const [text, setText] = useState('');
  const [category, setCategory] = useState('');
  const [status, setStatus] = useState<QueueStatusFilter>('all');
  const [order, setOrder] = useState<QueueOrder>('newest');
  const today = localDate(now);
  const sorted = useMemo(() => newestFirst(reports ?? []), [reports]);
  const statusCounts = useMemo(() => countByStatusFilter(sorted, today, now, statusSince), [sorted, today, now, statusSince]);
  const visible = useMemo(
    () =>
      inQueueOrder(
        filterReports(
          sorted,
          { text, category, status },
          { today, now, statusSince, categories, label: (r) => `${t(`status.${r.status}`)} ${t(`priority.${r.priority}`)}` },
        ),
        order,
      ),
    [sorted, text, category, status, order, today, now, statusSince, categories, t],
  );
  const reportsById = useMemo(() => new Map(sorted.map((r) => [r.id, r])), [sorted]);
  return { text, setText, category, setCategory, status, setStatus, order, setOrder, statusCounts, sorted, visible, reportsById };
}

export type QueueFilterState = ReturnType<typeof useQueueFilter>;
