import { useVirtualizer } from '@tanstack/react-virtual';
import { type Ref, useEffect, useRef } from 'react';
import type { Category } from '../../../server/protocol/report';
import type { QueueRow } from '../../../server/protocol/report-queue';
import { localDate } from '../../shared/time/calendar';
import { useClock } from '../../shared/time/useClock';
import { formatAge, formatShortDate, useI18n } from '../i18n';
import { categoryName } from '../ui/categoryName';
import { followUpDue } from '../ui/followUp';
import { locationText } from '../ui/locationText';
import { SlaBadge } from '../ui/SlaBadge';
import { PartsBadge } from './PartsBadge';

export const ROW_HEIGHT = 58;

export interface ScrollRequest {
  id: string;
  n: number;
}

interface QueueListProps {
  reports: readonly QueueRow[];
  categories: ReadonlyMap<string, Category>;
  selectedId: string | null;
  onRowClick: (id: string) => void;
  scrollRequest: ScrollRequest | null;
  listRef?: Ref<HTMLDivElement>;
  emptyText: string;
  /** The caller's clock (shared with the filters); the list's own 30 s tick otherwise. */
  now?: number;
}

/** Virtualised, newest-first queue (the caller sorts and filters). */
export function QueueList({
  reports,
  categories,
  selectedId,
  onRowClick,
  scrollRequest,
  listRef,
  emptyText,
  now: nowProp,
}: QueueListProps) {
  const { t, locale } = useI18n();
  const ownNow = useClock(30_000).now;
  const now = nowProp ?? ownNow;
  const today = localDate(now);
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const virtualizer = useVirtualizer({
    count: reports.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (index) => reports[index]?.id ?? index,
  });

  // Only a new request scrolls; list changes must not yank the view back.
  const latest = useRef({ reports, virtualizer });
  latest.current = { reports, virtualizer };
  useEffect(() => {
    if (!scrollRequest) return;
    const index = latest.current.reports.findIndex((r) => r.id === scrollRequest.id);
    if (index >= 0) latest.current.virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [scrollRequest]);

  const setRefs = (node: HTMLDivElement | null) => {
    scrollRef.current = node;
    if (typeof listRef === 'function') listRef(node);
    else if (listRef) (listRef as { current: HTMLDivElement | null }).current = node;
  };

  return (
    <div
      ref={setRefs}
      className="queue-scroll"
      role="listbox"
      tabIndex={0}
      aria-label={t('queue.title')}
      aria-activedescendant={selectedId ? `queue-row-${selectedId}` : undefined}
      data-testid="queue-list"
    >
      {reports.length === 0 ? (
        <p className="queue-empty muted">{emptyText}</p>
      ) : (
        <div className="queue-inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const report = reports[item.index];
            if (!report) return null;
            const selected = report.id === selectedId;
            return (
              <div
                key={item.key}
                id={`queue-row-${report.id}`}
                role="option"
                aria-selected={selected}
                tabIndex={-1}
                className={`queue-row prio-${report.priority}${selected ? ' selected' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                data-testid="queue-row"
                data-report-id={report.id}
                data-priority={report.priority}
                data-status={report.status}
                data-follow-up-due={followUpDue(report, today) || undefined}
                onClick={() => onRowClick(report.id)}
                onKeyDown={(e) => {
                  if (e.key === ' ') {
                    e.preventDefault();
                    onRowClick(report.id);
                  }
                }}
              >
                <div className="row-line">
                  <span className={`prio-badge prio-${report.priority}`} data-testid="priority-badge">
                    {t(`priority.${report.priority}`)}
                  </span>
                  <span className="row-number">{report.number}</span>
                  <span className="row-category">{categoryName(categories, report.category, locale)}</span>
                  <span
                    className="row-age"
                    data-testid="report-age"
                    title={new Date(report.createdAt).toLocaleString(locale)}
                  >
                    {formatAge(t, report.createdAt, now)}
                  </span>
                </div>
                <div className="row-line row-sub">
                  <span className="row-location">{locationText(report)}</span>
                  <PartsBadge report={report} />
                  {report.delivery === 'failed' && (
                    <span className="row-delivery-failed" data-testid="delivery-failed" title={t('queue.deliveryFailed')}>
                      ✉ {t('delivery.failed')}
                    </span>
                  )}
                  {report.status === 'scheduled' && report.followUpDate !== null && !followUpDue(report, today) && (
                    <span className="row-follow-up" data-testid="follow-up-date">
                      {t('queue.followUpOn', { date: formatShortDate(report.followUpDate, locale) })}
                    </span>
                  )}
                  {followUpDue(report, today) && (
                    <span className="follow-up-due" data-testid="follow-up-due">
                      {t('queue.followUpDue')}
                    </span>
                  )}
                  {/* A question to the reporter is open: the handling time is paused (commands/reporter-question.ts). */}
                  {report.awaitingReplySince ? (
                    <span
                      className="row-awaiting-reply"
                      data-testid="awaiting-reply"
                      title={t('question.queueTitle', { time: new Date(report.awaitingReplySince).toLocaleString(locale) })}
                    >
                      {t('question.queueBadge')}
                    </span>
                  ) : (
                    <SlaBadge report={report} now={now} />
                  )}
                  <span className={`status-pill status-${report.status}`}>{t(`status.${report.status}`)}</span>
                </div>
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
