import { useEffect, useMemo, useRef, useState } from 'react';
import { ALERT_KINDS, alertLines, mayAcknowledge } from '../../../server/domain/alert-kinds';
import { alertText as domainAlertText } from '../../../server/domain/alert-text';
import { isAllowed } from '../../../server/domain/permissions';
import type { Alert, Unit } from '../../../server/protocol/dispatch';
import type { QueueRow } from '../../../server/protocol/report-queue';
import { useUnits } from '../api/dispatchQueries';
import { useClock } from '../../shared/time/useClock';
import { type I18n, useI18n } from '../i18n';
import { shortAddressLabel } from '../address/addressParts';
import { type AlertTone, playTone, primeAudio } from './alertSound';
import { useDispatchContext } from './commands';
import { formatCoord, formatDuration } from './format';
import { AckButton, AlertGroupRow, AlertRow } from './AlertRows';
import { useOpenEmergencies } from './emergencyQueries';

/** Alerts other than emergencies shown before "+N meer". */
const COLLAPSED_COUNT = 3;
const EMERGENCY_REPEAT_MS = 4000;
const ALERT_REPEAT_MS = 30_000;
const MUTE_MS = 5 * 60 * 1000;

/** By the kinds' order (server/domain/alert-kinds.ts), newest first within a kind. */
export function sortAlerts(alerts: readonly Alert[]): Alert[] {
  return [...alerts].sort(
    (a, b) => ALERT_KINDS[a.kind].order - ALERT_KINDS[b.kind].order || b.createdAt.localeCompare(a.createdAt),
  );
}

export interface AlertPosition {
  lat: number;
  lng: number;
  /** When this position was true (the fix's time, or the alert's). */
  at: string;
}

/** Where the unit of an emergency is: its latest fix when newer than the alert, else the alert's position. */
export function alertPosition(alert: Alert, unit: Unit | undefined): AlertPosition | null {
  const fix = unit?.position ?? null;
  if (fix && (!alert.position || Date.parse(fix.at) > Date.parse(alert.createdAt))) {
    return { lat: fix.lat, lng: fix.lng, at: fix.at };
  }
  return alert.position ? { ...alert.position, at: alert.createdAt } : null;
}

/** The alert in the console's language: its coded text, else one made from what the console knows of its unit and report. */
export function alertText(
  { t, text }: Pick<I18n, 't' | 'text'>,
  alert: Alert,
  units: ReadonlyMap<string, Unit>,
  reports: ReadonlyMap<string, QueueRow>,
): string {
  if (alert.text) return text(alert.text);
  const unit = alert.unitId ? units.get(alert.unitId)?.callsign : undefined;
  const report = alert.reportId ? reports.get(alert.reportId) : undefined;
  switch (alert.kind) {
    case 'emergency':
      return text(domainAlertText({ kind: 'emergency', unit: unit ?? t('alerts.unknownUnit') }));
    case 'high_priority':
      // The report may be gone from the open list already; the hub's own text names it.
      return report
        ? text(domainAlertText({ kind: 'high_priority', number: report.number, priority: report.priority }))
        : alert.message;
    case 'offer_declined':
    case 'offer_expired':
      return unit && report ? text(domainAlertText({ kind: alert.kind, unit, number: report.number })) : alert.message;
    default:
      return alert.message;
  }
}

/**
 * Sound: a tone for every new alert; while an emergency is open a pulse every 4 s, and while other alerts
 * that arrived during this session are open a reminder every 30 s (these may be muted for 5 minutes).
 */
function useAlertSound(alerts: readonly Alert[], enabled: boolean, mutedUntil: number) {
  useEffect(() => (enabled ? primeAudio() : undefined), [enabled]);
  const seen = useRef<Set<string> | null>(null);
  const live = useRef(new Set<string>());
  const state = useRef({ alerts, mutedUntil, lastEmergency: 0, lastAlert: 0 });
  state.current.alerts = alerts;
  state.current.mutedUntil = mutedUntil;

  useEffect(() => {
    if (!enabled) return;
    const ids = new Set(alerts.map((a) => a.id));
    if (seen.current === null) {
      // The backlog at start is shown, not sounded (except emergencies, by the interval below).
      seen.current = ids;
      return;
    }
    const fresh = alerts.filter((a) => !seen.current?.has(a.id) && ALERT_KINDS[a.kind].sound !== 'none');
    seen.current = ids;
    // A routine grouped alert (a new high-priority report, gone once picked up) sounds once and is not reminded.
    for (const a of fresh) if (!ALERT_KINDS[a.kind].group) live.current.add(a.id);
    for (const id of live.current) if (!ids.has(id)) live.current.delete(id);
    if (fresh.length === 0) return;
    const tone: AlertTone = fresh.some((a) => a.kind === 'emergency') ? 'emergency' : 'alert';
    if (tone === 'alert' && Date.now() < state.current.mutedUntil) return;
    playTone(tone);
    const now = Date.now();
    if (tone === 'emergency') state.current.lastEmergency = now;
    state.current.lastAlert = now;
  }, [alerts, enabled]);

  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => {
      const s = state.current;
      const now = Date.now();
      if (s.alerts.some((a) => a.kind === 'emergency')) {
        if (now - s.lastEmergency >= EMERGENCY_REPEAT_MS) {
          s.lastEmergency = now;
          playTone('emergency');
        }
        return;
      }
      // An unanswered check-in at its last level (domain/safety-timers.ts) sounds until it is answered or acknowledged; no mute.
      if (s.alerts.some((a) => a.escalation === 'sound')) {
        if (now - s.lastEmergency >= EMERGENCY_REPEAT_MS) {
          s.lastEmergency = now;
          playTone('alert');
        }
        return;
      }
      if (now < s.mutedUntil) return;
      if (s.alerts.some((a) => live.current.has(a.id)) && now - s.lastAlert >= ALERT_REPEAT_MS) {
        s.lastAlert = now;
        playTone('alert');
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [enabled]);
}

interface AlertBannerProps {
  alerts: readonly Alert[];
  reports: ReadonlyMap<string, QueueRow>;
  onOpenReport: (id: string) => void;
  onShowOnMap: (position: { lat: number; lng: number }) => void;
}

/** Open alerts on every console until one of them acknowledges; emergencies on top, very visible. */
export function AlertBanner({ alerts, reports, onOpenReport, onShowOnMap }: AlertBannerProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { role } = useDispatchContext();
  const canAck = isAllowed('alerts.ack', role);
  const [expanded, setExpanded] = useState(false);
  const [mutedUntil, setMutedUntil] = useState(0);
  const { now } = useClock(1000);
  useAlertSound(alerts, canAck, mutedUntil);

  const unitsQuery = useUnits(true);
  const units = useMemo(
    () => new Map<string, Unit>((unitsQuery.data?.units ?? []).map((u) => [u.id, u])),
    [unitsQuery.data?.units],
  );
  // An emergency whose unit the emergency panel shows is acknowledged there (one place); it still sounds here.
  const inPanel = useOpenEmergencies(true).data?.emergencies;
  const sorted = useMemo(() => {
    const panelUnits = new Set((inPanel ?? []).map((e) => e.unitId));
    return sortAlerts(alerts).filter((a) => !(a.kind === 'emergency' && a.unitId && panelUnits.has(a.unitId)));
  }, [alerts, inPanel]);
  if (sorted.length === 0) return null;
  const emergencies = sorted.filter((a) => a.kind === 'emergency');
  const others = alertLines(sorted.filter((a) => a.kind !== 'emergency'));
  const shown = expanded ? others : others.slice(0, COLLAPSED_COUNT);
  const muted = now < mutedUntil;

  return (
    <section
      className={`alert-banner${emergencies.length > 0 ? ' has-emergency' : ''}`}
      aria-label={t('alerts.title')}
      data-testid="alert-banner"
      data-count={sorted.length}
    >
      {emergencies.map((alert) => {
        const unit = alert.unitId ? units.get(alert.unitId) : undefined;
        const position = alertPosition(alert, unit);
        return (
          <div
            key={alert.id}
            className="alert-item alert-emergency"
            role="alert"
            data-testid="alert-item"
            data-kind={alert.kind}
            data-alert-id={alert.id}
            data-unit-id={alert.unitId ?? ''}
          >
            <span className="alert-kind">{t('alerts.kind.emergency')}</span>
            <div className="alert-body">
              <strong className="alert-text" data-testid="alert-text">
                {alertText(i18n, alert, units, reports)}
                {alert.address && (
                  <>
                    {' — '}
                    <span className="alert-address" data-testid="alert-address" title={alert.address.label}>
                      {`${shortAddressLabel(alert.address.label)}, ${alert.address.distanceM} m`}
                    </span>
                  </>
                )}
              </strong>
              <span className="alert-position" data-testid="alert-position">
                {position
                  ? `${t('alerts.position', { lat: formatCoord(position.lat), lng: formatCoord(position.lng) })} · ${t(
                      'alerts.positionAge',
                      { age: formatDuration(t, Math.max(0, now - Date.parse(position.at))) },
                    )}`
                  : t('alerts.noPosition')}
              </span>
            </div>
            <div className="alert-actions">
              {position && (
                <button type="button" className="btn" onClick={() => onShowOnMap(position)} data-testid="alert-show">
                  {t('alerts.showOnMap')}
                </button>
              )}
              {alert.reportId && (
                <button type="button" className="btn" onClick={() => onOpenReport(alert.reportId ?? '')}>
                  {t('alerts.openReport')}
                </button>
              )}
              {canAck && mayAcknowledge(alert.kind, role) && <AckButton alert={alert} />}
            </div>
          </div>
        );
      })}
      {shown.length > 0 && (
        <ul className="alert-list">
          {shown.map((line) => {
            const [only] = line.alerts;
            const rowProps = { units, reports, now, onOpenReport };
            return only && line.alerts.length === 1 ? (
              <AlertRow key={only.id} alert={only} {...rowProps} />
            ) : (
              <AlertGroupRow key={`group-${line.kind}`} line={line} {...rowProps} />
            );
          })}
        </ul>
      )}
      {(others.length > COLLAPSED_COUNT || canAck) && (
        <div className="alert-footer">
          {others.length > COLLAPSED_COUNT && (
            <button
              type="button"
              className="link-button"
              onClick={() => setExpanded((e) => !e)}
              aria-expanded={expanded}
              data-testid="alert-more"
            >
              {expanded ? t('alerts.less') : t('alerts.more', { n: others.length - COLLAPSED_COUNT })}
            </button>
          )}
          <span className="row-spacer" />
          {canAck && others.length > 0 && (
            <button
              type="button"
              className="link-button"
              onClick={() => setMutedUntil(muted ? 0 : Date.now() + MUTE_MS)}
              aria-pressed={muted}
              data-testid="alert-mute"
            >
              {muted ? t('alerts.unmute') : t('alerts.mute')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
