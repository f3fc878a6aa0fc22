import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { IssuedWallboardDevice } from '../../../server/protocol/wallboard';
import { call } from '../../shared/api/call';
import { errorMessage } from '../../shared/api/refusal';
import { formatDateTime, useI18n } from '../i18n';

const KEY = ['wallboards'] as const;

/**
 * The admin's wallboards (issue 14 point 4): make a device code (shown once; the hub keeps its hash) and revoke one
 * (the screen stops at once). The code is typed into the wallboard's own entry form at /wallboard, never put in a URL.
 */
export function WallboardsPanel() {
  const { t, text, locale } = useI18n();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: KEY, queryFn: () => call('wallboards.list', {}) });
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<IssuedWallboardDevice | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });
  const issue = useMutation({
    mutationFn: (body: { name: string }) => call('wallboards.issue', {}, body),
    onSuccess: (device) => {
      setIssued(device);
      setName('');
      void refresh();
    },
  });
  const revoke = useMutation({ mutationFn: (id: string) => call('wallboards.revoke', { id }), onSuccess: () => void refresh() });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setIssued(null);
    issue.mutate({ name: name.trim() });
  };
  return (
    <section className="users-panel" aria-labelledby="wallboards-title" data-testid="wallboards-panel">
      <h2 id="wallboards-title">{t('wallboards.title')}</h2>
      <p className="muted">{t('wallboards.help')}</p>
      <form onSubmit={submit} className="users-form">
        <label htmlFor="wallboard-name">{t('wallboards.name')}</label>
        <input id="wallboard-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} data-testid="wallboard-name" />
        <button type="submit" className="btn" disabled={issue.isPending || !name.trim()} data-testid="wallboard-issue">
          {t('wallboards.issue')}
        </button>
      </form>
      {issue.isError && <p role="alert">{errorMessage(issue.error, text)}</p>}
      {issued && (
        <p role="status" className="wallboard-token" data-testid="wallboard-issued">
          {t('wallboards.issued', { name: issued.name, token: '' })}
          <code data-testid="wallboard-token">{issued.token}</code>
        </p>
      )}
      {list.data?.devices.length === 0 && <p className="muted">{t('wallboards.none')}</p>}
      <ul className="wallboard-list">
        {list.data?.devices.map((d) => (
          <li key={d.id} data-testid="wallboard-row">
            <strong>{d.name}</strong> <code>{d.tokenPrefix}…</code>{' '}
            <span className="muted">
              {d.revokedAt
                ? t('wallboards.revoked', { time: formatDateTime(d.revokedAt, locale) })
                : d.lastUsedAt
                  ? t('wallboards.lastUsed', { time: formatDateTime(d.lastUsedAt, locale) })
                  : t('wallboards.never')}
            </span>{' '}
            {!d.revokedAt && (
              <button
                type="button"
                className="btn"
                disabled={revoke.isPending}
                onClick={() => {
                  if (window.confirm(t('wallboards.confirmRevoke', { name: d.name }))) revoke.mutate(d.id);
                }}
                data-testid="wallboard-revoke"
              >
                {t('wallboards.revoke')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
