import { useState } from 'react';
import type { OutboxMessageView } from '../../../server/protocol/detail';
import { errorMessage } from '../../shared/api/refusal';
import { useRetryMessage } from '../api/queries';
import { formatDateTime, isMessageKey, type Translate, useI18n } from '../i18n';

export function triggerLabel(t: Translate, trigger: string): string {
  const key = `msg.trigger.${trigger}`;
  return isMessageKey(key) ? t(key) : trigger;
}

interface MessageRowProps {
  message: OutboxMessageView;
  canRetry: boolean;
  /** Shown in the outbox view, where rows of many reports meet. */
  reportLabel?: string;
  onOpenReport?: () => void;
  testId?: string;
  /** The recipient whole, once the user asked for the contact details (a logged view). */
  shownRecipient?: string | null | undefined;
}

/** One citizen message with its delivery state (queued / sent / failed) and, for the shift lead, a retry. */
export function MessageRow({ message, canRetry, reportLabel, onOpenReport, testId = 'message-row', shownRecipient }: MessageRowProps) {
  const { t, text, locale } = useI18n();
  const retry = useRetryMessage();
  const [retryError, setRetryError] = useState<string | null>(null);
  const failed = message.status === 'failed';
  return (
    <li className={`message-row msg-${message.status}`} data-testid={testId} data-status={message.status} data-message-id={message.id} data-report-id={message.reportId}>
      <div className="msg-line">
        <span className={`delivery-pill delivery-${message.status}`}>{t(`delivery.${message.status}`)}</span>
        <span className="msg-trigger">{triggerLabel(t, message.trigger)}</span>
        <span className="msg-recipient" data-testid="message-recipient">
          {t(`msg.channel.${message.channel}`)} · {(shownRecipient === undefined ? message.recipient : shownRecipient) ?? t('msg.recipientHidden')}
        </span>
        {reportLabel && onOpenReport && (
          <button type="button" className="btn btn-ghost btn-small" onClick={onOpenReport} data-testid="outbox-open-report">
            {reportLabel}
          </button>
        )}
      </div>
      <div className="msg-line muted small">
        <span>{formatDateTime(message.createdAt, locale)}</span>
        {message.sentAt && <span>{t('msg.sentAt', { time: formatDateTime(message.sentAt, locale) })}</span>}
        {message.attempts > 0 && <span>{t('msg.attempts', { n: message.attempts })}</span>}
      </div>
      {message.lastError && failed && (
        <p className="msg-error small" data-testid="message-error">
          {t('msg.lastError', { error: message.lastError })}
        </p>
      )}
      <details className="msg-body">
        <summary>{message.subject}</summary>
        <pre>{message.text}</pre>
      </details>
      {failed && canRetry && (
        <div className="msg-actions">
          <button
            type="button"
            className="btn btn-small"
            disabled={retry.isPending}
            onClick={() => {
              setRetryError(null);
              retry.mutate(message.id, { onError: (e) => setRetryError(errorMessage(e, text)) });
            }}
            data-testid="message-retry"
          >
            {retry.isPending ? (
              <>
                <span className="spinner" aria-hidden="true" /> {t('msg.retrying')}
              </>
            ) : (
              t('msg.retry')
            )}
          </button>
          {retryError && <span className="field-error">{t('msg.retryFailed', { message: retryError })}</span>}
        </div>
      )}
    </li>
  );
}

interface MessageListProps {
  messages: readonly OutboxMessageView[];
  canRetry: boolean;
  /** Recipients by message id, once shown ("toon contactgegevens"). */
  recipients?: ReadonlyMap<string, string | null> | undefined;
}

export function MessageList({ messages, canRetry, recipients }: MessageListProps) {
  const t = useI18n().t;
  if (messages.length === 0) return <p className="muted small">{t('detail.noMessages')}</p>;
  return (
    <ul className="message-list" data-testid="message-list">
      {messages.map((m) => (
        <MessageRow key={m.id} message={m} canRetry={canRetry} shownRecipient={recipients?.get(m.id)} />
      ))}
    </ul>
  );
}
