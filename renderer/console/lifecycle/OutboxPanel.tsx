import type { QueueRow } from '../../../server/protocol/report-queue';
import { useCan } from '../../shared/auth/useCan';
import { useRevealRecipients } from '../api/privacy';
import { useFailedMessages } from '../api/queries';
import { useI18n } from '../i18n';
import { Loading } from '../ui/Loading';
import { MessageRow } from './MessageList';

interface OutboxPanelProps {
  /** Open reports by id, to name the report a message belongs to. */
  reports: ReadonlyMap<string, QueueRow>;
  onOpenReport: (id: string) => void;
  onClose: () => void;
}

/** Citizen messages that could not be delivered, with a retry for the shift lead. */
export function OutboxPanel({ reports, onOpenReport, onClose }: OutboxPanelProps) {
  const { t } = useI18n();
  const canRetry = useCan('outbox.retry');
  const query = useFailedMessages(true);
  const messages = query.data?.messages ?? [];
  // Recipients are masked until asked for; the hub logs the view per report.
  const reveal = useRevealRecipients();
  const shown = new Map((reveal.data?.messages ?? []).map((m) => [m.id, m.recipient]));
  return (
    <aside className="detail-panel outbox-panel" aria-label={t('outbox.title')} data-testid="outbox-panel">
      <div className="detail-head">
        <h2>
          {t('outbox.title')} <span className="muted small">({messages.length})</span>
        </h2>
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose} data-testid="outbox-close">
          {t('detail.close')} <kbd>Esc</kbd>
        </button>
      </div>
      <div className="detail-body">
        {!canRetry && <p className="muted small">{t('outbox.readOnly')}</p>}
        {messages.length > 0 && !reveal.data && (
          <p className="contacts-reveal">
            <button type="button" className="btn btn-small" disabled={reveal.isPending} onClick={() => reveal.mutate()} data-testid="recipients-show">
              {t('recipients.show')}
            </button>
            <span className="muted small"> {t('recipients.logged')}</span>
          </p>
        )}
        {reveal.error && <p className="form-error small">{t('contacts.failed', { message: reveal.error.message })}</p>}
        {query.isPending ? (
          <Loading label={t('outbox.loading')} />
        ) : query.isError ? (
          <p className="form-error" role="alert">
            {t('outbox.error', { message: query.error.message })}
          </p>
        ) : messages.length === 0 ? (
          <p className="muted" data-testid="outbox-empty">
            {t('outbox.empty')}
          </p>
        ) : (
          <ul className="message-list">
            {messages.map((m) => (
              <MessageRow
                key={m.id}
                message={m}
                canRetry={canRetry}
                testId="outbox-row"
                shownRecipient={shown.get(m.id)}
                reportLabel={reports.get(m.reportId)?.number ?? t('outbox.report')}
                onOpenReport={() => onOpenReport(m.reportId)}
              />
            ))}
          </ul>
        )}
      </div>
    </aside>
  );
}
