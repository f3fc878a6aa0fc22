import { useMemo, useState } from 'react';
import type { Category } from '../../../server/protocol/report';
import type { QueueRow } from '../../../server/protocol/report-queue';
import { localDate } from '../../shared/time/calendar';
import { useT } from '../i18n';
import { filterReports, inQueueOrder, newestFirst, type QueueOrder } from '../queue/filterReports';
import { countByStatusFilter, type QueueStatusFilter } from '../queue/statusFilters';

/** The queue: every open report newest first, and the ones the filter lets through in the chosen order. */
export function useQueueFilter(reports: readonly QueueRow[] | undefined, categories: ReadonlyMap<string, Category>, now: number) {
  const t = useT();
  const [text, setText] = useState('');
  const [category, setCategory] = useState('');
  const [status, setStatus] = useState<QueueStatusFilter>('all');
  const [order, setOrder] = useState<QueueOrder>('newest');
  const today = localDate(now);
  const sorted = useMemo(() => newestFirst(reports ?? []), [reports]);
  const statusCounts = useMemo(() => countByStatusFilter(sorted, today, now), [sorted, today, now]);
  const visible = useMemo(
    () =>
      inQueueOrder(
        filterReports(
          sorted,
          { text, category, status },
          { today, now, categories, label: (r) => `${t(`status.${r.status}`)} ${t(`priority.${r.priority}`)}` },
        ),
        order,
      ),
    [sorted, text, category, status, order, today, now, categories, t],
  );
  const reportsById = useMemo(() => new Map(sorted.map((r) => [r.id, r])), [sorted]);
  return { text, setText, category, setCategory, status, setStatus, order, setOrder, statusCounts, sorted, visible, reportsById };
}

export type QueueFilterState = ReturnType<typeof useQueueFilter>;
