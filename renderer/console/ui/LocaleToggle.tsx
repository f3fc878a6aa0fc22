import { LOCALES, useI18n } from '../i18n';

export function LocaleToggle() {
  const { locale, setLocale, t } = useI18n();
  return (
    // biome-ignore lint/a11y/useSemanticElements: a segmented toggle, not a form fieldset
    <div className="locale-toggle" role="group" aria-label={t('header.locale')} data-testid="locale-toggle">
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          className={l === locale ? 'active' : ''}
          aria-pressed={l === locale}
          data-testid={`locale-${l}`}
          onClick={() => setLocale(l)}
        >
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
