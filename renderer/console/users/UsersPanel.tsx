import { useState } from 'react';
import { getSession } from '../../shared/api/client';
import { useUsers } from '../api/users';
import { useI18n } from '../i18n';
import { Loading } from '../ui/Loading';
import { NewUserForm } from './NewUserForm';
import { UserRow } from './UserRow';
import './users.css';

/** The admin's "Gebruikers": every account with its role, unit and state, and a form for a new one. */
export function UsersPanel() {
  const { t } = useI18n();
  const query = useUsers(true);
  const [notice, setNotice] = useState<string | null>(null);
  const [shown, setShown] = useState<{ username: string; password: string } | null>(null);
  const me = getSession()?.user.id;
  const units = query.data?.units ?? [];
  return (
    <section className="detail-panel users-panel" aria-label={t('users.title')} data-testid="users-panel">
      <div className="detail-head">
        <h2>
          {t('users.title')} {query.data && <span className="muted small">({query.data.users.length})</span>}
        </h2>
      </div>
      <div className="detail-body">
        <p className="muted small">{t('users.hint')}</p>
        {shown && (
          <div className="notice password-once" role="status" data-testid="password-once">
            <p>{t('users.passwordOnce', { username: shown.username })}</p>
            <code data-testid="password-once-value">{shown.password}</code>
            <button type="button" className="btn btn-small" onClick={() => setShown(null)} data-testid="password-once-done">
              {t('users.passwordDone')}
            </button>
          </div>
        )}
        {notice && (
          <p className="notice" role="status" data-testid="users-notice">
            {notice}
          </p>
        )}
        {query.isPending ? (
          <Loading label={t('users.loading')} />
        ) : query.isError ? (
          <p className="form-error" role="alert">
            {t('users.error', { message: query.error.message })}
          </p>
        ) : (
          <table className="users-table">
            <thead>
              <tr>
                <th>{t('users.username')}</th>
                <th>{t('users.role')}</th>
                <th>{t('users.status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {query.data.users.map((account) => (
                <UserRow
                  key={`${account.id}:${account.role}:${account.unitId ?? ''}`}
                  account={account}
                  units={units}
                  isSelf={account.id === me}
                  onPassword={(username, password) => {
                    setNotice(null);
                    setShown({ username, password });
                  }}
                />
              ))}
            </tbody>
          </table>
        )}
        <NewUserForm
          units={units}
          onCreated={(username) => {
            setShown(null);
            setNotice(t('users.created', { username }));
          }}
        />
      </div>
    </section>
  );
}
