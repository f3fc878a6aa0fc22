import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { isAllowed } from '../../../server/domain/permissions';
import type { PositionFix, Unit } from '../../../server/protocol/dispatch';
import type { OpenEmergency } from '../../../server/protocol/emergency';
import type { Report } from '../../../server/protocol/report';
import { useClock } from '../../shared/time/useClock';
import { shortAddressLabel } from '../address/addressParts';
import { useUnits } from '../api/dispatchQueries';
import { formatDateTime, useI18n } from '../i18n';
import { commandErrorText } from './commandErrors';
import { HubCommandError, newCommandId, useDispatchContext, useHubCommand } from './commands';
import { EmergencyEndForm } from './EmergencyEndForm';
import { emergencyKeys, useOpenEmergencies } from './emergencyQueries';
import { formatCoord, formatDuration } from './format';

/** Units asked per "Assistentie vragen". */
const ASSIST_COUNT = 2;
/** Fixes shown as the trail (newest last), in the panel and on the map. */
const TRAIL_SHOWN = 5;

interface EmergencyPanelProps {
  reports: ReadonlyMap<string, Pick<Report, 'id' | 'number'>>;
  onOpenReport: (id: string) => void;
  onShowOnMap: (position: { lat: number; lng: number }) => void;
}

/**
 * Every open emergency (a unit in 'noodgeval'), above everything else on every console, until the desk ends it:
 * callsign, nearest address (coordinates until the hub has it), the last fixes, the unit's report, and
 * "Gezien" (the field hears so), "Assistentie vragen" and "Noodgeval beëindigen" (note + status). The
 * alert banner keeps sounding while its alert is unacknowledged.
 */
export function EmergencyPanel({ reports, onOpenReport, onShowOnMap }: EmergencyPanelProps) {
  const { t } = useI18n();
  const open = useOpenEmergencies(true).data?.emergencies ?? [];
  const unitsQuery = useUnits(true);
  const units = useMemo(() => new Map<string, Unit>((unitsQuery.data?.units ?? []).map((u) => [u.id, u])), [unitsQuery.data?.units]);
  if (open.length === 0) return null;
  return (
    <section className="emergency-panel" aria-label={t('emergency.panelTitle')} data-testid="emergency-panel">
      {open.map((e) => (
        <EmergencyItem key={e.id} emergency={e} unit={units.get(e.unitId)} reports={reports} onOpenReport={onOpenReport} onShowOnMap={onShowOnMap} />
      ))}
    </section>
  );
}

/** An emergency's trail: its stored fixes, and the unit's live fix when newer than the last stored; the last few. */
export function emergencyTrail(e: Pick<OpenEmergency, 'trail'>, unit: Pick<Unit, 'position'> | undefined): PositionFix[] {
  const live = unit?.position;
  const last = e.trail[e.trail.length - 1];
  const all = live && (!last || Date.parse(live.at) > Date.parse(last.at)) ? [...e.trail, live] : [...e.trail];
  return all.slice(-TRAIL_SHOWN);
}

/**
 * The open emergencies' trails for the map, live: the list is refetched on every emergency event (and every
 * 15 s while one is open), the unit's newest fix comes with the units cache.
 */
export function useEmergencyTrails(enabled: boolean): { unitId: string; fixes: PositionFix[] }[] {
  const emergencies = useOpenEmergencies(enabled).data?.emergencies;
  const units = useUnits(enabled).data?.units;
  return useMemo(() => {
    const byId = new Map((units ?? []).map((u) => [u.id, u]));
    return (enabled ? (emergencies ?? []) : []).map((e) => ({ unitId: e.unitId, fixes: emergencyTrail(e, byId.get(e.unitId)) }));
  }, [emergencies, units, enabled]);
}

function EmergencyItem({
  emergency: e,
  unit,
  reports,
  onOpenReport,
  onShowOnMap,
}: { emergency: OpenEmergency; unit: Unit | undefined } & EmergencyPanelProps) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { role } = useDispatchContext();
  const run = useHubCommand();
  const queryClient = useQueryClient();
  const { now } = useClock(1000);
  const [busy, setBusy] = useState<'ack' | 'assist' | null>(null);
  const [ending, setEnding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const trail = emergencyTrail(e, unit);
  const where = trail[trail.length - 1] ?? (e.position ? { ...e.position, at: e.startedAt } : null);
  const reportId = unit?.currentReportId ?? e.reportId;
  const report = reportId ? reports.get(reportId) : undefined;
  const age = (at: string) => formatDuration(t, Math.max(0, now - Date.parse(at)));

  const act = async (what: 'ack' | 'assist') => {
    setBusy(what);
    setError(null);
    try {
      if (what === 'ack') await run('emergency:ack', { emergencyId: e.id });
      else await run('emergency:assist', { commandId: newCommandId(), emergencyId: e.id, count: ASSIST_COUNT });
    } catch (err) {
      // Acknowledged by someone else first: seen either way.
      if (!(what === 'ack' && err instanceof HubCommandError && err.code === 'conflict')) setError(t('emergency.failed', { message: commandErrorText(i18n, err) }));
    }
    void queryClient.invalidateQueries({ queryKey: emergencyKeys.open });
    setBusy(null);
  };

  let address: string;
  if (e.address) address = t('emergency.address', { label: shortAddressLabel(e.address.label), m: e.address.distanceM });
  else if (e.address === null) address = t('emergency.addressNone');
  else address = t('emergency.addressPending');

  return (
    <div className="emergency-item" role="alert" data-testid="emergency-item" data-emergency-id={e.id} data-unit-id={e.unitId} data-acked={e.ackedAt ? 'true' : 'false'}>
      <div className="emergency-head">
        <strong className="emergency-title" data-testid="emergency-title">
          {t('emergency.heading', { unit: e.callsign })}
        </strong>
        <span>{e.source === 'field' ? t('emergency.sourceField') : t('emergency.sourceDesk')}</span>
        <span className="muted">{t('emergency.since', { time: formatDateTime(e.startedAt, locale), age: age(e.startedAt) })}</span>
        <span className={`emergency-seen${e.ackedAt ? ' is-seen' : ''}`} data-testid="emergency-seen">
          {e.ackedAt ? t('emergency.seenBy', { time: formatDateTime(e.ackedAt, locale) }) : t('emergency.unseen')}
        </span>
      </div>
      <div className="emergency-body">
        <span className="emergency-address" data-testid="emergency-address">
          {address}
        </span>
        <span className="emergency-position" data-testid="emergency-position">
          {where ? t('emergency.position', { lat: formatCoord(where.lat), lng: formatCoord(where.lng), age: age(where.at) }) : t('emergency.noPosition')}
        </span>
        <span data-testid="emergency-report">{report ? t('emergency.report', { number: report.number }) : t('emergency.noReport')}</span>
        {e.startNote && <span>{t('emergency.note', { note: e.startNote })}</span>}
        {e.assists.length > 0 && (
          <span data-testid="emergency-assists">{t('emergency.assisting', { units: e.assists.map((a) => `${a.callsign} (${a.distanceM ?? '?'} m)`).join(', ') })}</span>
        )}
      </div>
      <details className="emergency-trail">
        <summary>{t('emergency.trail')}</summary>
        {trail.length === 0 ? (
          <p className="muted small">{t('emergency.trailNone')}</p>
        ) : (
          <ol data-testid="emergency-trail">
            {trail.map((f) => (
              <li key={f.at}>{`${formatDateTime(f.at, locale)} · ${formatCoord(f.lat)}, ${formatCoord(f.lng)}`}</li>
            ))}
          </ol>
        )}
      </details>
      <div className="emergency-actions">
        {!e.ackedAt && isAllowed('alerts.ack', role) && (
          <button type="button" className="btn btn-ack" disabled={busy !== null} onClick={() => void act('ack')} data-testid="emergency-ack">
            {busy === 'ack' && <span className="spinner" aria-hidden="true" />}
            {t('emergency.ack')}
          </button>
        )}
        {where && (
          <button type="button" className="btn" onClick={() => onShowOnMap(where)} data-testid="emergency-show">
            {t('emergency.showOnMap')}
          </button>
        )}
        {report && (
          <button type="button" className="btn" onClick={() => onOpenReport(report.id)}>
            {t('emergency.openReport')}
          </button>
        )}
        {isAllowed('emergency.manage', role) && (
          <>
            <button type="button" className="btn" disabled={busy !== null} onClick={() => void act('assist')} data-testid="emergency-assist">
              {busy === 'assist' && <span className="spinner" aria-hidden="true" />}
              {t('emergency.assist', { n: ASSIST_COUNT })}
            </button>
            {!ending && (
              <button type="button" className="btn" onClick={() => setEnding(true)} data-testid="emergency-end">
                {t('emergency.end')}
              </button>
            )}
          </>
        )}
      </div>
      {ending && <EmergencyEndForm emergency={e} holdsReport={Boolean(unit?.currentReportId)} onClose={() => setEnding(false)} />}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
