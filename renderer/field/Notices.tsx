import type { Notice } from './fieldClient';
import { useFieldI18n } from './messages';

export function Notices({ notices, onDismiss }: { notices: readonly Notice[]; onDismiss: (id: number) => void }) {
  const { t } = useFieldI18n();
  if (notices.length === 0) return null;
  return (
    <div className="f-notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`f-notice f-notice-${n.tone}`} data-testid="field-notice" data-tone={n.tone}>
          <span>{t(n.key, n.params)}</span>
          <button type="button" className="f-link-btn" onClick={() => onDismiss(n.id)} aria-label={t('notice.dismiss')}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
