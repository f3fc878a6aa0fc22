import './privacy.css';
import { useMemo, useRef, useState } from 'react';
import type { AccessLogEntry } from '../../../server/protocol/privacy';
import { errorMessage } from '../../shared/api/refusal';
import { type AccessLogFilter, useAccessLog } from '../api/privacy';
import { formatDateTime, useI18n } from '../i18n';
import { Field } from '../ui/Field';
import { Loading } from '../ui/Loading';

/** A local calendar day (YYYY-MM-DD) as the instant it starts, or the instant the next day starts. */
function dayStart(day: string, next = false): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + (next ? 1 : 0)).toISOString();
}

/**
 * The access log of personal data (shift lead, admin, privacy officer): who viewed, looked up, exported or
 * erased which citizen's contact details, when, through which route, and why.
 */
export function AccessLogPanel({ onClose }: { onClose?: () => void }) {
  const { t, text, locale } = useI18n();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [userId, setUserId] = useState('');
  const filter: AccessLogFilter = { from: dayStart(from), to: dayStart(to, true), userId: userId || undefined };
  const query = useAccessLog(filter);
  const entries = query.data?.entries ?? [];
  // Everyone seen in the log so far, so the user filter keeps its choices while it narrows the list.
  const seen = useRef(new Map<string, string>());
  const users = useMemo(() => {
    for (const e of entries) seen.current.set(e.userId, e.displayName ?? e.username ?? e.userId);
    return [...seen.current.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  }, [entries]);

  return (
    <aside className="detail-panel access-log-panel" aria-label={t('accessLog.title')} data-testid="access-log-panel">
      <div className="detail-head">
        <h2>
          {t('accessLog.title')} <span className="muted small">({entries.length})</span>
        </h2>
        {onClose && (
          <button type="button" className="btn btn-ghost btn-small" onClick={onClose} data-testid="access-log-close">
            {t('detail.close')} <kbd>Esc</kbd>
          </button>
        )}
      </div>
      <div className="detail-body">
        <p className="muted small">{t('accessLog.hint')}</p>
        <div className="field-row">
          <Field label={t('accessLog.from')} name="from">
            {(id) => <input id={id} type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="access-log-from" />}
          </Field>
          <Field label={t('accessLog.to')} name="to">
            {(id) => <input id={id} type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="access-log-to" />}
          </Field>
          <Field label={t('accessLog.user')} name="user">
            {(id) => (
              <select id={id} value={userId} onChange={(e) => setUserId(e.target.value)} data-testid="access-log-user">
                <option value="">{t('accessLog.allUsers')}</option>
                {users.map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {query.isPending ? (
          <Loading label={t('accessLog.loading')} />
        ) : query.isError ? (
          <p className="form-error" role="alert">
            {t('accessLog.error', { message: errorMessage(query.error, text) })}
          </p>
        ) : entries.length === 0 ? (
          <p className="muted" data-testid="access-log-empty">
            {t('accessLog.empty')}
          </p>
        ) : (
          <table className="access-log-table">
            <thead>
              <tr>
                <th>{t('accessLog.at')}</th>
                <th>{t('accessLog.user')}</th>
                <th>{t('accessLog.action')}</th>
                <th>{t('accessLog.report')}</th>
                <th>{t('accessLog.subject')}</th>
                <th>{t('accessLog.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <AccessLogRow key={entry.id} entry={entry} when={formatDateTime(entry.at, locale)} />
              ))}
            </tbody>
          </table>
        )}
      </div>
    </aside>
  );
}

function AccessLogRow({ entry, when }: { entry: AccessLogEntry; when: string }) {
  const { t } = useI18n();
  return (
    <tr data-testid="access-log-row" data-action={entry.action} data-report-id={entry.reportId ?? ''}>
      <td>{when}</td>
      <td title={t(`role.${entry.role}`)}>{entry.displayName ?? entry.username ?? entry.userId}</td>
      <td title={entry.route}>{t(`accessLog.action.${entry.action}`)}</td>
      <td className="mono">{entry.reportNumber ?? '—'}</td>
      <td className="mono">{entry.subject ?? ''}</td>
      <td>{entry.reason ?? ''}</td>
    </tr>
  );
}
