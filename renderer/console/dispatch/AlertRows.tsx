import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ALERT_KINDS, type AlertLine, escalationLevel, mayAcknowledge } from '../../../server/domain/alert-kinds';
import { isAllowed } from '../../../server/domain/permissions';
import type { Alert, Unit } from '../../../server/protocol/dispatch';
import type { QueueRow } from '../../../server/protocol/report-queue';
import type { AlertsSnapshot } from '../api/dispatch';
import { dispatchKeys } from '../api/dispatchQueries';
import { useI18n } from '../i18n';
import { alertText } from './AlertBanner';
import { commandErrorText } from './commandErrors';
import { HubCommandError, useDispatchContext, useHubCommand } from './commands';
import { formatDuration } from './format';

interface RowProps {
  units: ReadonlyMap<string, Unit>;
  reports: ReadonlyMap<string, QueueRow>;
  now: number;
  onOpenReport: (id: string) => void;
}

/** The escalation class of an alert at `now` (the hub's level, else its kind's steps: alert-kinds.ts), e.g. ' alert-level-red', or ''. */
function levelClass(alert: Alert, now: number): string {
  const level = alert.escalation ?? escalationLevel(ALERT_KINDS[alert.kind], Math.max(0, now - Date.parse(alert.createdAt)) / 1000);
  return level ? ` alert-level-${level}` : '';
}

/** One alert on its own line: its kind, text and age, "Melding openen", and "Bevestigen" where its kind allows. */
export function AlertRow({ alert, units, reports, now, onOpenReport }: RowProps & { alert: Alert }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { role } = useDispatchContext();
  const canAck = isAllowed('alerts.ack', role) && mayAcknowledge(alert.kind, role);
  const selfClearing = ALERT_KINDS[alert.kind].clears.by === 'condition';
  return (
    <li
      className={`alert-item alert-${alert.kind}${levelClass(alert, now)}`}
      data-testid="alert-item"
      data-kind={alert.kind}
      data-alert-id={alert.id}
      data-report-id={alert.reportId ?? ''}
      data-unit-id={alert.unitId ?? ''}
    >
      <span className="alert-kind">{t(`alerts.kind.${alert.kind}`)}</span>
      <span className="alert-text" data-testid="alert-text">
        {alertText(i18n, alert, units, reports)}
      </span>
      <span className="alert-age muted small">{formatDuration(t, Math.max(0, now - Date.parse(alert.createdAt)))}</span>
      <span className="row-spacer" />
      {alert.reportId && (
        <button type="button" className="btn btn-small" onClick={() => onOpenReport(alert.reportId ?? '')} data-testid="alert-open-report">
          {t('alerts.openReport')}
        </button>
      )}
      {canAck && !ALERT_KINDS[alert.kind].group && <AckButton alert={alert} small />}
      {canAck && selfClearing && ALERT_KINDS[alert.kind].group && (
        <span className="muted small" data-testid="alert-self-clearing">
          {t('alerts.expiresOnPickup')}
        </span>
      )}
    </li>
  );
}

/**
 * Alerts of a grouped kind (routine "new high-priority report") as one line with their count; they go away by
 * themselves when their report is picked up, so there is no "Bevestigen". The line opens to list them.
 */
export function AlertGroupRow({ line, units, reports, now, onOpenReport }: RowProps & { line: AlertLine<Alert> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [open, setOpen] = useState(false);
  const [newest] = line.alerts;
  const oldest = line.alerts[line.alerts.length - 1];
  if (!newest || !oldest) return null;
  const kindLabel = t(`alerts.kind.${line.kind}`);
  return (
    <li
      className={`alert-item alert-group alert-${line.kind}${levelClass(oldest, now)}`}
      data-testid="alert-group"
      data-kind={line.kind}
      data-count={line.alerts.length}
    >
      <span className="alert-kind">{kindLabel}</span>
      <span className="alert-text" data-testid="alert-group-text" title={t('alerts.expiresOnPickup')}>
        {line.kind === 'high_priority'
          ? t('alerts.group.high_priority', { n: line.alerts.length })
          : t('alerts.group.other', { n: line.alerts.length, kind: kindLabel })}
      </span>
      <span className="alert-age muted small">{formatDuration(t, Math.max(0, now - Date.parse(newest.createdAt)))}</span>
      <span className="row-spacer" />
      <button
        type="button"
        className="link-button"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="alert-group-toggle"
      >
        {open ? t('alerts.group.hide') : t('alerts.group.show', { n: line.alerts.length })}
      </button>
      {open && (
        <ul className="alert-list alert-group-list">
          {line.alerts.map((alert) => (
            <AlertRow key={alert.id} alert={alert} units={units} reports={reports} now={now} onOpenReport={onOpenReport} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function AckButton({ alert, small }: { alert: Alert; small?: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const run = useHubCommand();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ack = async () => {
    setBusy(true);
    setError(null);
    try {
      await run('alert:ack', { alertId: alert.id });
    } catch (e) {
      // Someone else was quicker (or our retry arrived twice): it is acknowledged either way.
      if (!(e instanceof HubCommandError && e.code === 'conflict')) {
        setError(t('alerts.ackFailed', { message: commandErrorText(i18n, e) }));
        setBusy(false);
        return;
      }
    }
    queryClient.setQueryData<AlertsSnapshot>(dispatchKeys.alerts, (old) =>
      old ? { alerts: old.alerts.filter((a) => a.id !== alert.id) } : old,
    );
  };
  return (
    <>
      <button
        type="button"
        className={`btn${small ? ' btn-small' : ' btn-ack'}`}
        disabled={busy}
        onClick={() => void ack()}
        data-testid="alert-ack"
      >
        {busy && <span className="spinner" aria-hidden="true" />}
        {t('alerts.ack')}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
