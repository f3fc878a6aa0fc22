import type { ReportDetail } from '../../../server/protocol/detail';
import type { ReportContacts } from '../../../server/protocol/privacy';
import { formatDateTime, useI18n } from '../i18n';

/** The "toon contactgegevens" click: its state, owned by the detail panel (the messages show the recipients too). */
export interface ContactsReveal {
  data: ReportContacts | undefined;
  pending: boolean;
  error: string | null;
  reveal: () => void;
}

/**
 * A report's reporters for the desk: masked (j***@***.nl) until "toon contactgegevens", which fetches them
 * whole and is logged by the hub (who, when, which report).
 */
export function ReporterContacts({ detail, contacts }: { detail: ReportDetail; contacts: ContactsReveal }) {
  const { t, locale } = useI18n();
  const shown = contacts.data?.reporters;
  const join = (parts: (string | null)[]) => parts.filter(Boolean).join(' · ');
  return (
    <>
      {shown ? (
        <ul className="contacts" data-testid="detail-contacts-shown">
          {shown.map((r, i) => {
            const consent = r.consentAt
              ? `${t('contacts.consentAt', { time: formatDateTime(r.consentAt, locale) })}${r.consentVia ? `, ${t(`contacts.consentVia.${r.consentVia}`)}` : ''}`
              : t('contacts.noConsent');
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: reporters have no id in the view; order is stable
              <li key={i} data-testid="detail-reporter">
                {join([r.name, r.email, r.phone]) || t('contacts.erased')} <span className="muted small">({consent})</span>
              </li>
            );
          })}
        </ul>
      ) : (
        detail.reporters.length > 0 && (
          <ul className="contacts" data-testid="detail-contacts-masked" title={t('contacts.masked')}>
            {detail.reporters.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: reporters have no id in the view; order is stable
              <li key={i} data-testid="detail-reporter-masked">
                {join([r.name, r.email, r.phone]) || t('contacts.erased')}
              </li>
            ))}
          </ul>
        )
      )}
      {!shown && detail.report.reporterCount > 0 && (
        <div className="contacts-reveal">
          <button type="button" className="btn btn-small" disabled={contacts.pending} onClick={contacts.reveal} data-testid="contacts-show">
            {contacts.pending ? t('contacts.loading') : t('contacts.show')}
          </button>
          <span className="muted small"> {t('contacts.logged')}</span>
        </div>
      )}
      {contacts.error && (
        <p className="form-error small" role="alert">
          {t('contacts.failed', { message: contacts.error })}
        </p>
      )}
    </>
  );
}
