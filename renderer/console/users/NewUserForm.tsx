import { type FormEvent, useState } from 'react';
import { AccountRole } from '../../../server/protocol/users';
import { errorFields, errorMessage } from '../../shared/api/refusal';
import { useCreateUser } from '../api/users';
import { useI18n } from '../i18n';
import { Field } from '../ui/Field';

export interface UnitChoice {
  id: string;
  callsign: string;
}

/** A new account: username, name, role, the unit of a field user, and a password the hub checks against its policy. */
export function NewUserForm({ units, onCreated }: { units: UnitChoice[]; onCreated: (username: string) => void }) {
  const { t, text } = useI18n();
  const create = useCreateUser();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<AccountRole>('dispatcher');
  const [unitId, setUnitId] = useState('');
  const [password, setPassword] = useState('');
  const fields = errorFields(create.error, text) ?? {};

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { username: username.trim(), displayName: displayName.trim(), role, unitId: role === 'field' && unitId ? unitId : null, password },
      {
        onSuccess: (account) => {
          onCreated(account.username);
          setUsername('');
          setDisplayName('');
          setPassword('');
          setUnitId('');
        },
      },
    );
  }

  return (
    <form className="new-user-form" onSubmit={submit} noValidate data-testid="new-user-form">
      <h3>{t('users.newTitle')}</h3>
      <div className="field-row">
        <Field label={t('users.username')} error={fields.username} name="username">
          {(id) => <input id={id} autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} data-testid="new-user-username" />}
        </Field>
        <Field label={t('users.displayName')} error={fields.displayName} name="displayName">
          {(id) => <input id={id} autoComplete="off" value={displayName} onChange={(e) => setDisplayName(e.target.value)} data-testid="new-user-name" />}
        </Field>
      </div>
      <div className="field-row">
        <Field label={t('users.role')} error={fields.role} name="role">
          {(id) => (
            <select id={id} value={role} onChange={(e) => setRole(e.target.value as AccountRole)} data-testid="new-user-role">
              {AccountRole.options.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {role === 'field' && (
          <Field label={t('users.unit')} error={fields.unitId} name="unitId">
            {(id) => (
              <select id={id} value={unitId} onChange={(e) => setUnitId(e.target.value)} data-testid="new-user-unit">
                <option value="">{t('users.noUnit')}</option>
                {units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.callsign}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      <Field label={t('users.password')} error={fields.password} name="password">
        {(id) => <input id={id} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="new-user-password" />}
      </Field>
      {create.error && !errorFields(create.error, text) && (
        <p className="form-error" role="alert" data-testid="new-user-error">
          {t('users.failed', { message: errorMessage(create.error, text) })}
        </p>
      )}
      {create.error && errorFields(create.error, text) && (
        <p className="form-error" role="alert" data-testid="new-user-error">
          {errorMessage(create.error, text)}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={create.isPending} data-testid="new-user-submit">
          {create.isPending ? t('users.busy') : t('users.create')}
        </button>
      </div>
    </form>
  );
}
