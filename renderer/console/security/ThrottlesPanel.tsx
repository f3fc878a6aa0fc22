import { useState } from 'react';
import type { LoginThrottle } from '../../../server/protocol/throttles';
import { useLoginThrottles, useUnblockLogin } from '../api/throttles';
import { formatDateTime, useI18n } from '../i18n';
import { Loading } from '../ui/Loading';

interface ThrottlesPanelProps {
  /** The side panel's close button; a back-office tool has none. */
  onClose?: () => void;
}

/** Who is being tried at sign-in (user, address, misses, blocked until), with "lift block" for the shift lead and admin. */
export function ThrottlesPanel({ onClose }: ThrottlesPanelProps) {
  const { t } = useI18n();
  const query = useLoginThrottles(true);
  const throttles = query.data?.throttles ?? [];
  return (
    <aside className="detail-panel throttles-panel" aria-label={t('throttles.title')} data-testid="throttles-panel">
      <div className="detail-head">
        <h2>
          {t('throttles.title')} <span className="muted small">({throttles.length})</span>
        </h2>
        {onClose && (
          <button type="button" className="btn btn-ghost btn-small" onClick={onClose} data-testid="throttles-close">
            {t('detail.close')} <kbd>Esc</kbd>
          </button>
        )}
      </div>
      <div className="detail-body">
        <p className="muted small">{t('throttles.hint')}</p>
        {query.isPending ? (
          <Loading label={t('throttles.loading')} />
        ) : query.isError ? (
          <p className="form-error" role="alert">
            {t('throttles.error', { message: query.error.message })}
          </p>
        ) : throttles.length === 0 ? (
          <p className="muted" data-testid="throttles-empty">
            {t('throttles.empty')}
          </p>
        ) : (
          <table className="throttles-table">
            <thead>
              <tr>
                <th>{t('throttles.user')}</th>
                <th>{t('throttles.address')}</th>
                <th>{t('throttles.misses')}</th>
                <th>{t('throttles.blockedUntil')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {throttles.map((throttle) => (
                <ThrottleRow key={throttle.id} throttle={throttle} />
              ))}
            </tbody>
          </table>
        )}
      </div>
    </aside>
  );
}

function ThrottleRow({ throttle }: { throttle: LoginThrottle }) {
  const { t, locale } = useI18n();
  const unblock = useUnblockLogin();
  const [error, setError] = useState<string | null>(null);
  const user = throttle.scope === 'login_ip' ? t('throttles.anyUser') : (throttle.username ?? t('throttles.unknownUser'));
  const address = throttle.scope === 'login_user' ? t('throttles.anyAddress') : (throttle.ip ?? '');
  const until = throttle.blockedUntil
    ? formatDateTime(throttle.blockedUntil, locale)
    : throttle.scope === 'login_user' && throttle.restricted
      ? t('throttles.restrictedUser')
      : t('throttles.notBlocked');
  return (
    <tr data-testid="throttle-row" data-scope={throttle.scope} data-restricted={throttle.restricted}>
      <td title={t(`throttles.scope.${throttle.scope}`)}>{user}</td>
      <td>{address}</td>
      <td data-testid="throttle-misses">{throttle.misses}</td>
      <td data-testid="throttle-until">{until}</td>
      <td>
        {throttle.restricted && (
          <button
            type="button"
            className="btn btn-small"
            disabled={unblock.isPending}
            data-testid="throttle-unblock"
            onClick={() => {
              setError(null);
              unblock.mutate(throttle.id, { onError: (e) => setError(t('throttles.unblockFailed', { message: e.message })) });
            }}
          >
            {unblock.isPending ? t('throttles.unblocking') : t('throttles.unblock')}
          </button>
        )}
        {error && (
          <p className="form-error small" role="alert">
            {error}
          </p>
        )}
      </td>
    </tr>
  );
}
