import type { ReactNode } from 'react';
import type { ReadabilityHint, ReadabilityView } from '../../../server/protocol/readability';
import { type Translate, useI18n } from '../i18n';
import { FieldError } from '../ui/Field';
import { markSegments, uneditedRanges } from './previewMarks';
import './readability.css';
import type { MessagePreviewState } from './useMessagePreview';

interface MessagePreviewProps {
  state: MessagePreviewState;
  errors: Readonly<Record<string, string>>;
  /** The dispatcher edits the text: the message errors shown for it go. */
  onEdit: () => void;
  /** Field texts the desk has not changed: marked in the message as "ongewijzigd uit het veld". */
  fieldTexts?: readonly string[];
  /** Sending waits for the dispatcher's confirmation of a message below the readability floor. */
  confirmLow?: { score: number | null; floor: number } | null;
  onConfirmLow?: () => void;
}

/** The composed citizen message: subject, editable text, who receives it, and its plain-language check. */
export function MessagePreview({ state, errors, onEdit, fieldTexts = [], confirmLow = null, onConfirmLow }: MessagePreviewProps) {
  const { t } = useI18n();
  const { preview, loading, current, text, edited, readability } = state;
  const unedited = preview?.preview ? uneditedRanges(text, fieldTexts) : [];
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
          <div className="preview-with-check">
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
            <ReadabilityPanel view={readability} />
          </div>
          <p className="muted small preview-note" data-testid="message-preview-recipients">
            {!current
              ? t('res.previewStale')
              : preview.preview.recipients > 0
                ? t('res.previewRecipients', { n: preview.preview.recipients })
                : t('res.previewNoRecipients')}
          </p>
          {(unedited.length > 0 || (readability && readability.hints.length > 0)) && (
            <MarkedText text={text} hints={readability?.hints ?? []} unedited={unedited} t={t} />
          )}
          {unedited.length > 0 && (
            <p className="small read-field-note" data-testid="unedited-field-note">
              <mark className="mark-field">{t('read.fieldUnedited')}</mark> {t('read.fieldUneditedNote')}
            </p>
          )}
        </>
      )}
      {confirmLow && (
        <div className="read-confirm" role="alert" data-testid="readability-confirm-box">
          <p>{t('read.belowFloor', { score: confirmLow.score ?? '-', floor: confirmLow.floor })}</p>
          <button type="button" className="btn btn-small" onClick={onConfirmLow} data-testid="readability-confirm">
            {t('read.confirm')}
          </button>
        </div>
      )}
      <FieldError error={errors['message.text'] ?? errors.message} name="message.text" />
      <FieldError error={errors['message.subject']} name="message.subject" />
    </section>
  );
}

/** Score, level in words, the floor, the hints and the note that the score is a proxy for B1. */
function ReadabilityPanel({ view }: { view: ReadabilityView | null }) {
  const { t } = useI18n();
  if (!view) {
    return (
      <aside className="read-panel" aria-label={t('read.title')} data-testid="readability" data-level="pending">
        <p className="muted small">{t('read.checking')}</p>
      </aside>
    );
  }
  return (
    <aside
      className={`read-panel read-${view.level}${view.belowFloor ? ' read-below' : ''}`}
      aria-label={t('read.title')}
      data-testid="readability"
      data-level={view.level}
      data-score={view.score ?? ''}
      data-below-floor={view.belowFloor}
    >
      <p className="read-head">
        <strong data-testid="readability-level">{t(`read.level.${view.level}`)}</strong>
        {view.score !== null && <span data-testid="readability-score"> · {t('read.score', { score: view.score })}</span>}
        <span className="muted"> ({t('read.floor', { floor: view.floor })})</span>
      </p>
      {view.hints.length === 0 ? (
        <p className="muted small">{t('read.noHints')}</p>
      ) : (
        <ul className="read-hints small" data-testid="readability-hints">
          {view.hints.map((h) => (
            <li key={`${h.kind}-${h.start}-${h.end}`} data-kind={h.kind}>
              {hintText(h, t)}
            </li>
          ))}
        </ul>
      )}
      <p className="muted small read-proxy">{t('read.proxy')}</p>
    </aside>
  );
}

function hintText(h: ReadabilityHint, t: Translate): string {
  switch (h.kind) {
    case 'long_sentence':
      return t('read.hint.long_sentence', { words: h.words });
    case 'fragment':
      return t('read.hint.fragment');
    case 'plain_word':
      return t('read.hint.plain_word', { text: h.text, replacement: h.replacement });
    case 'jargon':
      return t('read.hint.jargon', { text: h.text });
    case 'long_word':
      return t('read.hint.long_word', { text: h.text, syllables: h.syllables });
  }
}

/** The message with its hints (sentence, word) and the unedited field text marked. */
function MarkedText({
  text,
  hints,
  unedited,
  t,
}: {
  text: string;
  hints: readonly ReadabilityHint[];
  unedited: readonly { start: number; end: number }[];
  t: Translate;
}) {
  const ranges = [
    ...hints.map((h) => ({ start: h.start, end: h.end, kind: h.kind === 'long_sentence' || h.kind === 'fragment' ? 'sentence' : 'word', title: hintText(h, t) })),
    ...unedited.map((r) => ({ ...r, kind: 'field', title: t('read.fieldUnedited') })),
  ];
  const parts: ReactNode[] = markSegments(text, ranges).map((seg) => {
    if (seg.marks.length === 0) return seg.text;
    const kinds = [...new Set(seg.marks.map((m) => m.kind))];
    return (
      <mark key={seg.start} className={kinds.map((k) => `mark-${k}`).join(' ')} title={seg.marks.map((m) => m.title).join('\n')} data-marks={kinds.join(' ')}>
        {seg.text}
      </mark>
    );
  });
  return (
    <div className="preview-marked small" data-testid="message-preview-marked">
      {parts}
    </div>
  );
}
