import { useMemo, useState } from 'react';
import type { Category } from '../../../server/protocol/report';
import type { QueueRow } from '../../../server/protocol/report-queue';
import { localDate } from '../../shared/time/calendar';
import { useT } from '../i18n';
import { filterReports, newestFirst } from '../queue/filterReports';
import { countByStatusFilter, type QueueStatusFilter } from '../queue/statusFilters';

/** The queue: every open report newest first, and the ones the filter lets through. */
export function useQueueFilter(reports: readonly QueueRow[] | undefined, categories: ReadonlyMap<string, Category>, now: number) {
  const t = useT();
  const [text, setText] = useState('');
  const [category, setCategory] = useState('');
  const [status, setStatus] = useState<QueueStatusFilter>('all');
  const today = localDate(now);
  const sorted = useMemo(() => newestFirst(reports ?? []), [reports]);
  const statusCounts = useMemo(() => countByStatusFilter(sorted, today), [sorted, today]);
  const visible = useMemo(
    () =>
      filterReports(
        sorted,
        { text, category, status },
        { today, categories, label: (r) => `${t(`status.${r.status}`)} ${t(`priority.${r.priority}`)}` },
      ),
    [sorted, text, category, status, today, categories, t],
  );
  const reportsById = useMemo(() => new Map(sorted.map((r) => [r.id, r])), [sorted]);
  return { text, setText, category, setCategory, status, setStatus, statusCounts, sorted, visible, reportsById };
}

export type QueueFilterState = ReturnType<typeof useQueueFilter>;
