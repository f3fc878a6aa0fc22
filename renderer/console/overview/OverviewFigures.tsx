import type { ReactNode } from 'react';
import { OPEN_STATUSES, type OpenStatus, type OverviewFigures as Figures } from '../../../server/domain/overview';
import { UnitStatus } from '../../../server/protocol/dispatch';
import type { Category } from '../../../server/protocol/report';
import { sinceMs } from '../dispatch/format';
import { formatFigureDuration } from '../ui/figureDuration';
import { useI18n } from '../i18n';
import type { QueueStatusFilter } from '../queue/statusFilters';
import { categoryName } from '../ui/categoryName';

/** Where a figure leads: the queue with a status filter and/or a category. */
export interface QueueLink {
  status: QueueStatusFilter;
  category?: string;
}

const STATUS_FILTER: Record<OpenStatus, QueueStatusFilter> = {
  new: 'new',
  triaged: 'triaged',
  dispatched: 'dispatched',
  in_progress: 'in_progress',
  awaiting_review: 'awaiting_review',
  scheduled: 'scheduled',
  reopen_requested: 'reopen_requested',
};

/**
 * The overview's figures as a dense grid (server/domain/overview.ts counts them). With `onFilter` every report figure
 * is a button to the filtered queue (the console); without it the grid is read-only (the wallboard, in large type).
 * A status figure says the words of the queue filter it opens ('Toegewezen', not the status word 'uitgezet').
 */
export function OverviewFigures({
  figures,
  now,
  categories,
  onFilter,
  onOpenReport,
  onOpenFailedMessages,
}: {
  figures: Figures;
  now: number;
  categories: ReadonlyMap<string, Category>;
  onFilter?: (link: QueueLink) => void;
  onOpenReport?: (id: string) => void;
  /** The failed messages (the outbox panel): they include closed reports, which the queue does not hold. */
  onOpenFailedMessages?: () => void;
}) {
  const { t, locale } = useI18n();
  const figure = (testId: string, label: string, value: number, link: QueueLink | (() => void) | null, tone?: 'warn' | 'bad'): ReactNode => {
    const go = typeof link === 'function' ? link : link && onFilter ? () => onFilter(link) : null;
    const content = (
      <>
        <span className="ov-label">{label}</span>
        <span className={`ov-value${tone && value > 0 ? ` ov-${tone}` : ''}`}>{value}</span>
      </>
    );
    return go ? (
      <button type="button" className="ov-figure ov-link" data-testid={testId} title={t('overview.linkTitle')} onClick={go}>
        {content}
      </button>
    ) : (
      <div className="ov-figure" data-testid={testId}>
        {content}
      </div>
    );
  };
  const waiting = figures.longestWaiting;
  const unitOrder = new Map(UnitStatus.options.map((s, i) => [s, i]));
  const units = [...figures.units].sort((a, b) => (unitOrder.get(a.status) ?? 0) - (unitOrder.get(b.status) ?? 0));
  return (
    <div className="ov-grid">
      <section className="ov-block" aria-labelledby="ov-open">
        <h3 id="ov-open">{t('overview.openTotal')}</h3>
        {figure('ov-open-total', t('filter.all'), figures.open, { status: 'all' })}
        <h4>{t('overview.byStatus')}</h4>
        {OPEN_STATUSES.map((status) => (
          <div key={status}>{figure(`ov-status-${status}`, t(`filter.${STATUS_FILTER[status]}`), figures.byStatus[status], { status: STATUS_FILTER[status] })}</div>
        ))}
      </section>
      <section className="ov-block" aria-labelledby="ov-cat">
        <h3 id="ov-cat">{t('overview.byCategory')}</h3>
        {figures.byCategory.length === 0 && <p className="muted">{t('overview.none')}</p>}
        {figures.byCategory.map(({ category, count }) => (
          <div key={category}>{figure(`ov-category-${category}`, categoryName(categories, category, locale), count, { status: 'all', category })}</div>
        ))}
      </section>
      <section className="ov-block" aria-labelledby="ov-term">
        <h3 id="ov-term">{t('overview.term')}</h3>
        {figure('ov-due-today', t('overview.dueToday'), figures.dueToday, { status: 'due_today' })}
        {figure('ov-at-risk', t('overview.atRisk'), figures.atRisk, { status: 'at_risk' }, 'warn')}
        {figure('ov-overdue', t('overview.overdue'), figures.overdue, { status: 'overdue' }, 'bad')}
        <h4>{t('overview.signalering')}</h4>
        {figure('ov-long-open', t('overview.longOpen'), figures.longOpen, { status: 'long_open' }, 'bad')}
        {figure('ov-old-reopen', t('overview.oldReopen'), figures.oldReopenRequests, { status: 'old_reopen_requested' }, 'bad')}
        <h4>{t('overview.needsAction')}</h4>
        {figure('ov-awaiting-review', t('filter.awaiting_review'), figures.awaitingReview, { status: 'awaiting_review' }, 'warn')}
        {figure('ov-failed', t('overview.failedDeliveries'), figures.failedDeliveries, onOpenFailedMessages ?? null, 'bad')}
      </section>
      <section className="ov-block" aria-labelledby="ov-units">
        <h3 id="ov-units">{t('overview.units')}</h3>
        {units.length === 0 && <p className="muted">{t('overview.none')}</p>}
        {units.map((u) => (
          <div key={u.status} className="ov-figure" data-testid={`ov-unit-${u.status}`}>
            <span className="ov-label">
              {t(`unit.status.${u.status}`)}
              {u.longestSince && u.longestCallsign && (
                <span className="ov-sub">
                  {t('overview.unitLongest', { callsign: u.longestCallsign, duration: formatFigureDuration(t, sinceMs(u.longestSince, now)) })}
                </span>
              )}
            </span>
            <span className={`ov-value${u.status === 'noodgeval' ? ' ov-bad' : ''}`}>{u.count}</span>
          </div>
        ))}
        <h4>{t('overview.longestWaiting')}</h4>
        {waiting ? (
          onOpenReport ? (
            <button type="button" className="ov-figure ov-link" data-testid="ov-longest-waiting" onClick={() => onOpenReport(waiting.id)}>
              <span className="ov-label">
                {t('overview.waitingFor', {
                  number: waiting.number,
                  category: categoryName(categories, waiting.category, locale),
                  duration: formatFigureDuration(t, sinceMs(waiting.createdAt, now)),
                })}
              </span>
            </button>
          ) : (
            <div className="ov-figure" data-testid="ov-longest-waiting">
              <span className="ov-label">
                {t('overview.waitingFor', {
                  number: waiting.number,
                  category: categoryName(categories, waiting.category, locale),
                  duration: formatFigureDuration(t, sinceMs(waiting.createdAt, now)),
                })}
              </span>
            </div>
          )
        ) : (
          <p className="muted">{t('overview.longestWaitingNone')}</p>
        )}
      </section>
    </div>
  );
}
