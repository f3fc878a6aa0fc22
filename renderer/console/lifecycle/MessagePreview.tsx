import { useI18n } from '../i18n';
import { FieldError } from '../ui/Field';
import type { MessagePreviewState } from './useMessagePreview';

interface MessagePreviewProps {
  state: MessagePreviewState;
  errors: Readonly<Record<string, string>>;
  /** The dispatcher edits the text: the message errors shown for it go. */
  onEdit: () => void;
}

/** The composed citizen message: subject, editable text and who receives it. */
export function MessagePreview({ state, errors, onEdit }: MessagePreviewProps) {
  const { t } = useI18n();
  const { preview, loading, current, text, edited } = state;
  return (
    <section className="message-preview" aria-label={t('res.preview')}>
      <div className="section-head">
        <h4>{t('res.preview')}</h4>
        {loading && <span className="spinner" role="status" aria-label={t('res.previewLoading')} />}
        {edited && <span className="edited-tag">{t('res.previewEdited')}</span>}
        <span className="header-spacer" />
        {edited && (
          <button type="button" className="btn btn-ghost btn-small" onClick={state.resetText} data-testid="message-preview-reset">
            {t('res.previewReset')}
          </button>
        )}
        <button type="button" className="btn btn-small" onClick={() => void state.refresh()} data-testid="resolution-preview">
          {t('res.previewButton')}
        </button>
      </div>
      {preview === null ? (
        <p className="muted small preview-note">{loading ? t('res.previewLoading') : t('res.previewEmpty')}</p>
      ) : preview.preview === null ? (
        <p className="muted small preview-note">{t('res.previewNone')}</p>
      ) : (
        <>
          <p className="small preview-subject" data-testid="message-preview-subject">
            <span className="muted">{t('res.subject')}:</span> {preview.preview.subject}
          </p>
          <textarea
            className="preview-text"
            rows={9}
            value={text}
            onChange={(e) => {
              state.setText(e.target.value);
              onEdit();
            }}
            aria-label={t('res.preview')}
            aria-invalid={!!(errors['message.text'] || errors.message)}
            data-testid="message-preview"
            data-current={current}
          />
          <p className="muted small preview-note" data-testid="message-preview-recipients">
            {!current
              ? t('res.previewStale')
              : preview.preview.recipients > 0
                ? t('res.previewRecipients', { n: preview.preview.recipients })
                : t('res.previewNoRecipients')}
          </p>
        </>
      )}
      <FieldError error={errors['message.text'] ?? errors.message} name="message.text" />
      <FieldError error={errors['message.subject']} name="message.subject" />
    </section>
  );
}
