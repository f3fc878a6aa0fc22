import type { ReactNode, RefObject } from 'react';
import type { Category } from '../../../server/protocol/report';
import { ApiRequestError } from '../../shared/api/client';
import { errorMessage } from '../../shared/api/refusal';
import { useCan } from '../../shared/auth/useCan';
import type { useOpenReports } from '../api/queries';
import { useI18n } from '../i18n';
import { QueueFilters } from '../queue/QueueFilters';
import { QueueList, type ScrollRequest } from '../queue/QueueList';
import { QueueProgress } from '../queue/QueueProgress';
import { Loading } from '../ui/Loading';
import type { QueueFilterState } from './useQueueFilter';

interface QueueSectionProps {
  reportsQuery: ReturnType<typeof useOpenReports>;
  queue: QueueFilterState;
  categories: ReadonlyMap<string, Category>;
  selectedId: string | null;
  onRowClick: (id: string) => void;
  scrollRequest: ScrollRequest | null;
  filterRef: RefObject<HTMLInputElement | null>;
  listRef: RefObject<HTMLDivElement | null>;
  now: number;
  /** The status filter depends on the time ("vervolg vandaag"): re-read it when the filter changes. */
  refreshNow: () => void;
  formOpen: boolean;
  onToggleForm: () => void;
  /** The report just created here ("Melding … aangemaakt"). */
  created: { number: string } | null;
}

/** The left column's queue: title and count, the new-report button, filters and the list (or why there is none). */
export function QueueSection(props: QueueSectionProps) {
  const { reportsQuery, queue, categories, now, refreshNow } = props;
  const { t, text } = useI18n();
  const canCreate = useCan('report.create');
  const total = reportsQuery.data?.reports.length ?? 0;
  const forbidden = reportsQuery.error instanceof ApiRequestError && reportsQuery.error.status === 403;

  let body: ReactNode;
  if (reportsQuery.isPending) {
    body = (
      <div className="queue-status">
        <Loading label={t('queue.loading')} />
      </div>
    );
  } else if (reportsQuery.isError) {
    body = (
      <div className="queue-status" role="alert">
        <p className="form-error">{forbidden ? t('console.noAccess') : t('queue.error', { message: errorMessage(reportsQuery.error, text) })}</p>
        {!forbidden && (
          <button type="button" className="btn" onClick={() => void reportsQuery.refetch()}>
            {t('app.retry')}
          </button>
        )}
      </div>
    );
  } else {
    body = (
      <QueueList
        reports={queue.visible}
        categories={categories}
        selectedId={props.selectedId}
        onRowClick={props.onRowClick}
        scrollRequest={props.scrollRequest}
        listRef={props.listRef}
        emptyText={total === 0 ? t('queue.empty') : t('queue.noMatch')}
        now={now}
      />
    );
  }

  return (
    <section className="queue-panel" aria-label={t('queue.title')}>
      <div className="panel-head">
        <h2>
          {t('queue.title')}{' '}
          <span className="muted small" data-testid="queue-count">
            {t('queue.count', { shown: queue.visible.length, total })}
          </span>
        </h2>
        {canCreate && (
          <button
            type="button"
            className="btn btn-primary"
            onClick={props.onToggleForm}
            aria-expanded={props.formOpen}
            data-testid="new-report-open"
          >
            {t('form.open')}
          </button>
        )}
      </div>
      <QueueFilters
        status={queue.status}
        onStatusChange={(status) => {
          refreshNow();
          queue.setStatus(status);
        }}
        statusCounts={queue.statusCounts}
        text={queue.text}
        onTextChange={queue.setText}
        textRef={props.filterRef}
        category={queue.category}
        onCategoryChange={queue.setCategory}
        categories={categories.values()}
        order={queue.order}
        onOrderChange={queue.setOrder}
      />
      {props.created && (
        <p className="notice" role="status" data-testid="notice">
          {t('form.created', props.created)}
        </p>
      )}
      <QueueProgress progress={reportsQuery.data?.progress} />
      {body}
      <p className="queue-keys muted small">{t('queue.keys')}</p>
    </section>
  );
}
