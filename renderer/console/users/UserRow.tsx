import { useState } from 'react';
import { AccountRole, type UserAccount } from '../../../server/protocol/users';
import { errorMessage } from '../../shared/api/refusal';
import { useResetPassword, useResetTotp, useSetUserActive, useUpdateUser } from '../api/users';
import { useI18n } from '../i18n';
import type { UnitChoice } from './NewUserForm';

interface UserRowProps {
  account: UserAccount;
  units: UnitChoice[];
  isSelf: boolean;
  /** A reset password, to show once. */
  onPassword: (username: string, password: string) => void;
}

/** One account: its role and unit (changed with Save), deactivate or activate, a new password, the second factor reset. */
export function UserRow({ account, units, isSelf, onPassword }: UserRowProps) {
  const { t, text } = useI18n();
  const [role, setRole] = useState<AccountRole>(account.role === 'wallboard' ? 'dispatcher' : account.role);
  const [unitId, setUnitId] = useState(account.unitId ?? '');
  const update = useUpdateUser();
  const active = useSetUserActive();
  const password = useResetPassword();
  const totp = useResetTotp();
  const failure = update.error ?? active.error ?? password.error ?? totp.error;
  const changed = role !== account.role || (role === 'field' && unitId !== (account.unitId ?? ''));
  const busy = update.isPending || active.isPending || password.isPending || totp.isPending;
  const reset = () => {
    for (const mutation of [update, active, password, totp]) mutation.reset();
  };

  return (
    <tr data-testid="user-row" data-username={account.username} data-active={account.active}>
      <td>
        <strong>{account.username}</strong> {isSelf && <span className="muted small">{t('users.you')}</span>}
        <div className="muted small">{account.displayName}</div>
      </td>
      <td>
        <select value={role} disabled={isSelf || busy} onChange={(e) => setRole(e.target.value as AccountRole)} aria-label={t('users.role')} data-testid="user-role">
          {AccountRole.options.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
        {role === 'field' && (
          <select value={unitId} disabled={busy} onChange={(e) => setUnitId(e.target.value)} aria-label={t('users.unit')} data-testid="user-unit">
            <option value="">{t('users.noUnit')}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.callsign}
              </option>
            ))}
          </select>
        )}
      </td>
      <td data-testid="user-status">
        {account.active ? t('users.active') : t('users.inactive')}
        {account.demo && <span className="badge">{t('users.demo')}</span>}
        {account.totpEnabled && <span className="badge">{t('users.totpOn')}</span>}
      </td>
      <td>
        <div className="user-actions">
        {changed && (
          <button
            type="button"
            className="btn btn-small btn-primary"
            disabled={busy}
            onClick={() => {
              reset();
              update.mutate({ id: account.id, body: { role, unitId: role === 'field' ? unitId || null : null } });
            }}
            data-testid="user-save"
          >
            {t('users.save')}
          </button>
        )}
        {!isSelf && (
          <button
            type="button"
            className={`btn btn-small${account.active ? ' btn-danger' : ''}`}
            disabled={busy}
            onClick={() => {
              reset();
              active.mutate({ id: account.id, active: !account.active });
            }}
            data-testid={account.active ? 'user-deactivate' : 'user-activate'}
          >
            {account.active ? t('users.deactivate') : t('users.activate')}
          </button>
        )}
        <button
          type="button"
          className="btn btn-small"
          disabled={busy}
          onClick={() => {
            reset();
            password.mutate(account.id, { onSuccess: (answer) => onPassword(answer.user.username, answer.password) });
          }}
          data-testid="user-reset-password"
        >
          {t('users.resetPassword')}
        </button>
        {account.totpEnabled && (
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            onClick={() => {
              reset();
              totp.mutate(account.id);
            }}
            data-testid="user-reset-totp"
          >
            {t('users.resetTotp')}
          </button>
        )}
        </div>
        {failure && (
          <p className="form-error small" role="alert">
            {t('users.failed', { message: errorMessage(failure, text) })}
          </p>
        )}
      </td>
    </tr>
  );
}
