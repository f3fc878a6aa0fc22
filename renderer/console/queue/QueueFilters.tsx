import type { Ref } from 'react';
import type { Category } from '../../../server/protocol/report';
import { useI18n } from '../i18n';
import { categoryLabel } from '../ui/categoryName';
import { QUEUE_ORDERS, type QueueOrder } from './filterReports';
import { QUEUE_STATUS_FILTERS, type QueueStatusFilter } from './statusFilters';

interface QueueFiltersProps {
  status: QueueStatusFilter;
  onStatusChange: (status: QueueStatusFilter) => void;
  statusCounts: Readonly<Record<QueueStatusFilter, number>>;
  text: string;
  onTextChange: (text: string) => void;
  /** The text filter ("/" focuses it). */
  textRef: Ref<HTMLInputElement>;
  category: string;
  onCategoryChange: (code: string) => void;
  categories: Iterable<Category>;
  order: QueueOrder;
  onOrderChange: (order: QueueOrder) => void;
}

/** Above the queue: status (with counts), free text, category and the order (newest or due first). */
export function QueueFilters({
  status,
  onStatusChange,
  statusCounts,
  text,
  onTextChange,
  textRef,
  category,
  onCategoryChange,
  categories,
  order,
  onOrderChange,
}: QueueFiltersProps) {
  const { t, locale } = useI18n();
  return (
    <div className="queue-filters">
      <select
        className="queue-status-filter"
        value={status}
        onChange={(e) => onStatusChange(e.target.value as QueueStatusFilter)}
        aria-label={t('filter.label')}
        data-testid="queue-status-filter"
      >
        {QUEUE_STATUS_FILTERS.map((f) => (
          <option key={f} value={f}>
            {t('filter.option', { label: t(`filter.${f}`), n: statusCounts[f] })}
          </option>
        ))}
      </select>
      <input
        ref={textRef}
        className="queue-filter-text"
        type="search"
        placeholder={t('queue.filter')}
        aria-label={t('queue.filterLabel')}
        value={text}
        onChange={(e) => onTextChange(e.target.value)}
        data-testid="queue-filter"
      />
      <select
        className="queue-filter-category"
        value={category}
        onChange={(e) => onCategoryChange(e.target.value)}
        aria-label={t('queue.categoryLabel')}
        data-testid="queue-filter-category"
      >
        <option value="">{t('queue.allCategories')}</option>
        {[...categories].map((c) => (
          <option key={c.code} value={c.code}>
            {categoryLabel(c, locale)}
          </option>
        ))}
      </select>
      <select
        className="queue-order"
        value={order}
        onChange={(e) => onOrderChange(e.target.value as QueueOrder)}
        aria-label={t('queue.sortLabel')}
        data-testid="queue-order"
      >
        {QUEUE_ORDERS.map((o) => (
          <option key={o} value={o}>
            {t(`queue.sort.${o}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
