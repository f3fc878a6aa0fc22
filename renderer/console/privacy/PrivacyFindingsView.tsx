import type { PrivacyFindings } from '../../../server/protocol/privacy';
import { useI18n } from '../i18n';

/** What the hub keeps about one citizen (inzage): the reports, the messages to them, their answers on the status page. */
export function PrivacyFindingsView({ findings, when }: { findings: PrivacyFindings; when: (iso: string) => string }) {
  const { t } = useI18n();
  const { reports, reporters, messages, responses } = findings;
  if (reports.length === 0 && reporters.length === 0 && messages.length === 0) {
    return (
      <p className="muted" data-testid="privacy-none">
        {t('privacy.none')}
      </p>
    );
  }
  const numberOf = new Map(reports.map((r) => [r.id, r.number]));
  return (
    <div className="privacy-findings" data-testid="privacy-findings">
      <p data-testid="privacy-summary">
        {t('privacy.found', { reports: reports.length, reporters: reporters.length, messages: messages.length, responses: responses.length })}
      </p>
      <h3>{t('privacy.reports')}</h3>
      <ul>
        {reports.map((report) => {
          const contact = reporters.filter((r) => r.reportId === report.id);
          return (
            <li key={report.id} data-testid="privacy-report">
              <span className="mono">{report.number}</span> · {t(`status.${report.status}`)} · {when(report.createdAt)}
              {contact.map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: one citizen's entries on one report, in a stable order
                <div key={i} className="muted small">
                  {[c.name, c.email, c.phone].filter(Boolean).join(' · ') || t('contacts.erased')} ·{' '}
                  {c.consentAt ? t('contacts.consentAt', { time: when(c.consentAt) }) : t('contacts.noConsent')}
                </div>
              ))}
            </li>
          );
        })}
      </ul>
      {messages.length > 0 && (
        <>
          <h3>{t('privacy.messages')}</h3>
          <ul>
            {messages.map((m) => (
              <li key={m.id} data-testid="privacy-message">
                <span className="mono">{numberOf.get(m.reportId) ?? ''}</span> · {t(`msg.channel.${m.channel}`)} · {m.recipient ?? t('contacts.erased')} ·{' '}
                {when(m.createdAt)} · {m.subject}
              </li>
            ))}
          </ul>
        </>
      )}
      {responses.length > 0 && (
        <>
          <h3>{t('privacy.responses')}</h3>
          <ul>
            {responses.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: responses in a stable order
              <li key={i} data-testid="privacy-response">
                <span className="mono">{numberOf.get(r.reportId) ?? ''}</span> · {r.satisfied ? t('privacy.satisfied') : t('privacy.notSatisfied')} · {when(r.at)}
                {r.comment ? ` · “${r.comment}”` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
