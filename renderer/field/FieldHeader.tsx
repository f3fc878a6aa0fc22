import type { UnitStatus } from '../../server/protocol/dispatch';
import type { ConnectionState, GeoState } from './fieldClient';
import { useFieldI18n } from './messages';

export function FieldHeader({
  callsign,
  statusKey,
  statusPending,
  connection,
  queueCount,
  geo,
  accuracy,
  onLogout,
  onToggleLocale,
}: {
  callsign: string;
  /** The unit's status, worded here in the reader's language. */
  statusKey: UnitStatus | null;
  statusPending: boolean;
  connection: ConnectionState;
  queueCount: number;
  geo: GeoState;
  accuracy: number | null;
  onLogout: () => void;
  onToggleLocale: () => void;
}) {
  const { t, shared } = useFieldI18n();
  const statusText = statusKey ? shared(`unit.status.${statusKey}`) : null;
  const gpsText = geo === 'ok' && accuracy !== null ? t('gps.ok', { m: Math.round(accuracy) }) : t(`gps.${geo}`);
  return (
    <header className="f-header">
      <div className="f-header-row">
        <span className="f-callsign" data-testid="field-callsign">
          {callsign}
        </span>
        {statusText && (
          <span
            className={`f-status-pill f-status-${statusKey ?? 'unknown'}${statusPending ? ' is-pending' : ''}`}
            data-testid="field-unit-status"
            data-status={statusKey ?? ''}
            title={statusPending ? t('status.queued') : undefined}
          >
            {statusText}
            {statusPending && <span className="f-pending-mark"> · {t('status.queued')}</span>}
          </span>
        )}
        <span className="f-spacer" />
        <button type="button" className="f-link-btn" onClick={onLogout} data-testid="field-logout">
          {t('header.logout')}
        </button>
      </div>
      <div className="f-header-row f-header-meta">
        <span className={`f-conn f-conn-${connection}`} data-testid="field-connection" data-state={connection} role="status">
          <span className="f-dot" aria-hidden="true" />
          {t(`conn.${connection}`)}
        </span>
        <span
          className={`f-queue${queueCount > 0 ? ' has-items' : ''}`}
          title={t('header.queueTitle')}
        >
          {t('header.queue')}{' '}
          <strong data-testid="field-queue-count" data-count={queueCount}>
            {queueCount}
          </strong>
        </span>
        <span className={`f-gps f-gps-${geo}`} data-testid="field-gps" data-state={geo}>
          {gpsText}
        </span>
        <span className="f-spacer" />
        <button
          type="button"
          className="f-link-btn f-locale"
          onClick={onToggleLocale}
          lang={t('locale.code')}
          title={t('locale.switch')}
          data-testid="field-locale"
        >
          {t('locale.short')}
        </button>
      </div>
    </header>
  );
}
