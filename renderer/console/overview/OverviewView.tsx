import { useEffect, useMemo, useState } from 'react';
import { overviewFigures } from '../../../server/domain/overview';
import type { Category } from '../../../server/protocol/report';
import type { OverviewFeed } from '../../shared/overview/overviewFeed';
import { useClock } from '../../shared/time/useClock';
import { useT } from '../i18n';
import { Loading } from '../ui/Loading';
import { OverviewFigures, type QueueLink } from './OverviewFigures';
import './overview.css';

/** Whether the overview is open: open from the start for the shift lead (their default screen). */
export function useOverviewView(role: string) {
  const [open, setOpen] = useState(role === 'shift_lead');
  return { open, show: () => setOpen(true), close: () => setOpen(false) };
}
type OverviewViewState = ReturnType<typeof useOverviewView>;

/**
 * The live overview (issue 14, point 1), over the console's work area (header, emergency and alerts stay in view): every figure is kept live by the hub's events
 * (renderer/shared/overview/overviewFeed.ts) and re-counted on a clock tick; a figure opens the queue with its filter.
 */
export function OverviewOverlay({
  view,
  feed,
  version,
  categories,
  onFilter,
  onOpenReport,
  onOpenFailedMessages,
}: {
  view: OverviewViewState;
  feed: OverviewFeed | null;
  version: number;
  categories: ReadonlyMap<string, Category>;
  onFilter: (link: QueueLink) => void;
  onOpenReport: (id: string) => void;
  /** Opens the failed messages (the outbox panel), of open and closed reports. */
  onOpenFailedMessages?: () => void;
}) {
  const t = useT();
  const { now } = useClock(15_000);
  const state = feed?.state ?? null;
  const timeZone = feed?.timeZone ?? 'Europe/Amsterdam';
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the feed's change counter (its state changes in place)
  const figures = useMemo(() => (state ? overviewFigures(state, now, timeZone) : null), [state, now, timeZone, version]);
  const { open, close } = view;
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, close]);
  if (!open || !feed) return null;
  const go = (link: QueueLink) => {
    close();
    onFilter(link);
  };
  return (
    <section className="full-view ov-view" aria-labelledby="ov-title" data-testid="overview">
      <div className="ov-head">
        <h2 id="ov-title">{t('overview.title')}</h2>
        <span className="muted">{t('overview.keys')}</span>
        {feed.status === 'retrying' && (
          <span className="ov-bad" role="status">
            {t('overview.retrying')}
          </span>
        )}
        <button type="button" className="btn" onClick={close} data-testid="overview-close">
          {t('overview.close')}
        </button>
      </div>
      {figures ? (
        <OverviewFigures
          figures={figures}
          now={now}
          categories={categories}
          onFilter={go}
          onOpenReport={(id) => {
            close();
            onOpenReport(id);
          }}
          {...(onOpenFailedMessages
            ? {
                onOpenFailedMessages: () => {
                  close();
                  onOpenFailedMessages();
                },
              }
            : {})}
        />
      ) : (
        <Loading label={t('overview.loading')} />
      )}
    </section>
  );
}
