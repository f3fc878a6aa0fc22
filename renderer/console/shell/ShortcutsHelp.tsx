import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n';
import { OTHER_KEYS, SHORTCUTS } from './useShortcuts';

/** The "?" overlay: every console shortcut with what it does. Esc, "?" or the button closes it; the focus returns. */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => before?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="shortcuts-backdrop">
      <div className="shortcuts-dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" data-testid="shortcuts-help">
        <div className="shortcuts-head">
          <h2 id="shortcuts-title">{t('keys.title')}</h2>
          <button type="button" className="btn btn-ghost btn-small" ref={closeRef} onClick={onClose}>
            {t('keys.close')} <kbd>Esc</kbd>
          </button>
        </div>
        <dl className="shortcuts-list">
          {[...SHORTCUTS, ...OTHER_KEYS].map((s) => (
            <div key={s.key} className="shortcuts-row">
              <dt>
                <kbd>{s.key}</kbd>
              </dt>
              <dd>{t(s.label)}</dd>
            </div>
          ))}
        </dl>
        <p className="muted small">{t('keys.typing')}</p>
      </div>
    </div>
  );
}
