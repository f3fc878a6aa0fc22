import { useCan } from '../../shared/auth/useCan';
import { useFailedMessages } from '../api/queries';
import { useT } from '../i18n';
import { SatisfactionButton } from './SatisfactionPanel';
import type { SidePanel } from './useSelection';

interface HeaderToolsProps {
  side: SidePanel | null;
  onToggleHotspots: () => void;
  onOpenImport: () => void;
  onToggleSide: (panel: SidePanel) => void;
}

/** The header's buttons for what this user may open: hotspots, the signal import, tasking, failed messages, sign-in attempts. */
export function HeaderTools({ side, onToggleHotspots, onOpenImport, onToggleSide }: HeaderToolsProps) {
  const t = useT();
  const readsOverlays = useCan('report.list');
  const importsSignals = useCan('signals.import');
  const readsDispatch = useCan('dispatch.read');
  const readsOutbox = useCan('outbox.read');
  const readsThrottles = useCan('auth.throttles');
  const readsAccessLog = useCan('accesslog.read');
  const failedMessages = useFailedMessages(readsOutbox);
  const failedCount = failedMessages.data?.messages.length ?? 0;
  return (
    <>
      {readsOverlays && (
        <button
          type="button"
          className="btn hotspots-button"
          onClick={onToggleHotspots}
          aria-pressed={side === 'hotspots'}
          data-testid="hotspots-open"
        >
          {t('hotspots.open')}
        </button>
      )}
      {importsSignals && (
        <button
          type="button"
          className="btn signals-button"
          onClick={onOpenImport}
          aria-haspopup="dialog"
          data-testid="signals-import-open"
        >
          {t('signals.open')}
        </button>
      )}
      {readsDispatch && (
        <button
          type="button"
          className="btn tasking-button"
          onClick={() => onToggleSide('tasking')}
          aria-pressed={side === 'tasking'}
          data-testid="tasking-open"
        >
          {t('tasking.open')}
        </button>
      )}
      {readsOutbox && (
        <button
          type="button"
          className={`btn outbox-button${failedCount > 0 ? ' has-failed' : ''}`}
          onClick={() => onToggleSide('outbox')}
          aria-pressed={side === 'outbox'}
          title={t('outbox.title')}
          data-testid="outbox-open"
          data-count={failedCount}
        >
          {t('outbox.open')} <span className="count">{failedCount}</span>
        </button>
      )}
      {readsThrottles && (
        <button
          type="button"
          className="btn throttles-button"
          onClick={() => onToggleSide('throttles')}
          aria-pressed={side === 'throttles'}
          data-testid="throttles-open"
        >
          {t('throttles.open')}
        </button>
      )}
      {readsAccessLog && (
        <button
          type="button"
          className="btn access-log-button"
          onClick={() => onToggleSide('accessLog')}
          aria-pressed={side === 'accessLog'}
          data-testid="access-log-open"
        >
          {t('accessLog.open')}
        </button>
      )}
      <SatisfactionButton />
    </>
  );
}
