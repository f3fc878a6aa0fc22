import type { Notice, NoticeParam } from './fieldSnapshot';
import { type FieldI18n, useFieldI18n } from './messages';

/** A notice's parameters as words: hub texts in the reader's language. */
function wordsOf(params: Readonly<Record<string, NoticeParam>> | undefined, text: FieldI18n['text']): Record<string, string | number> | undefined {
  if (!params) return undefined;
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'object' ? text(value) : value]));
}

export function Notices({ notices, onDismiss }: { notices: readonly Notice[]; onDismiss: (id: number) => void }) {
  const { t, text } = useFieldI18n();
  if (notices.length === 0) return null;
  return (
    <div className="f-notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`f-notice f-notice-${n.tone}`} data-testid="field-notice" data-tone={n.tone}>
          <span>{t(n.key, wordsOf(n.params, text))}</span>
          <button type="button" className="f-link-btn" onClick={() => onDismiss(n.id)} aria-label={t('notice.dismiss')}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
