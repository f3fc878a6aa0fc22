import type { SignalImportResult } from '../../../server/protocol/intake';
import { formatDateTime, useI18n } from '../i18n';
import { columnLabel } from './signalsImportText';

/** The hub's preview (or the import's result): rows as they will be stored, and every rejected row with its errors. */
export function SignalsPreview({ shown, result }: { shown: SignalImportResult; result: SignalImportResult | null }) {
  const { t, text, locale } = useI18n();
  return (
    <section className="signals-preview" aria-label={t('signals.preview')} data-testid="signals-preview">
      <h3>{result ? t('signals.imported') : t('signals.preview')}</h3>
      {!result && (
        <p className="small" data-testid="signals-preview-summary" data-valid={shown.valid} data-rejected={shown.rejectedCount}>
          {t('signals.summary', { valid: shown.valid, rejected: shown.rejectedCount })}
        </p>
      )}
      {shown.preview.length > 0 && (
        <table className="signals-table">
          <thead>
            <tr>
              <th>{t('signals.row')}</th>
              <th>{t('signals.col.text')}</th>
              <th>{t('signals.position')}</th>
              <th>{t('signals.col.occurredAt')}</th>
              <th>{t('signals.col.place')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.preview.map((row) => (
              <tr key={row.row} data-testid="signals-preview-row" data-row={row.row}>
                <td className="mono">{row.row}</td>
                <td className="signals-text">{row.text}</td>
                <td className="mono">
                  {row.lat.toFixed(5)}, {row.lng.toFixed(5)}
                </td>
                <td>{formatDateTime(row.occurredAt, locale)}</td>
                <td>{row.place ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown.valid > shown.preview.length && (
        <p className="muted small">{t('signals.more', { n: shown.valid - shown.preview.length })}</p>
      )}
      {shown.rejected.length > 0 && (
        <>
          <h4>{t('signals.rejectedTitle', { n: shown.rejectedCount })}</h4>
          <ul className="signals-rejected">
            {shown.rejected.map((r) => (
              <li key={r.row} data-testid="signals-row-error" data-row={r.row} data-line={r.line}>
                <strong className="rejected-ref">{t('signals.rowLine', { row: r.row, line: r.line })}</strong>{' '}
                {Object.entries(r.errors)
                  .map(([field, message]) => `${columnLabel(t, field)}: ${r.errorTexts?.[field] ? text(r.errorTexts[field]) : message}`)
                  .join(' · ')}
              </li>
            ))}
          </ul>
          {shown.rejectedCount > shown.rejected.length && (
            <p className="muted small">{t('signals.moreRejected', { n: shown.rejectedCount - shown.rejected.length })}</p>
          )}
        </>
      )}
    </section>
  );
}
