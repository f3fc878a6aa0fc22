import { lazy, Suspense, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { allowedUnitTransitions, unitActorOf } from '../../server/domain/unit-status';
import type { PositionFix } from '../../server/protocol/dispatch';
import type { Session } from '../shared/api/client';
import { hubOrigin } from '../shared/bridge';
import { AssignmentCard } from './AssignmentCard';
import { AssistCards } from './AssistCard';
import { EmergencyButton } from './EmergencyButton';
import { FieldClient, type FieldSnapshot, type SessionLossReason } from './fieldClient';
import { FieldHeader } from './FieldHeader';
import { watchDevicePosition } from './geolocation';
import { useFieldI18n } from './messages';
import { Notices } from './Notices';
import { OfferCard } from './OfferCard';
import { effectiveStatus } from './queue';
import { StatusButtons } from './StatusButtons';
import { TaskingList } from './TaskingList';
import { Worklist } from './Worklist';
import { CheckInCard, PriorityTrafficCards } from './SafetyCards';

/** MapLibre is a large chunk: loaded only when there is something to show on the map. */
const FieldMap = lazy(() => import('./FieldMap'));

/**
 * Test and diagnostics hook (`window.__meldkamerField`): inject a position where there is no GPS (headless
 * Chromium), drop or restore the connection, read the client's state. Nothing here reaches beyond what the
 * logged-in unit can do through the UI.
 */
export interface FieldTestHook {
  setPosition(fix: PositionFix): void;
  goOffline(): void;
  goOnline(): void;
  snapshot(): FieldSnapshot;
}

declare global {
  interface Window {
    __meldkamerField?: FieldTestHook;
  }
}

export function FieldWorkspace({
  session,
  onSessionLost,
  onLogout,
  onToggleLocale,
}: {
  session: Session;
  onSessionLost: (reason: SessionLossReason) => void;
  onLogout: () => void;
  onToggleLocale: () => void;
}) {
  const [client, setClient] = useState<FieldClient | null>(null);

  useEffect(() => {
    const c = new FieldClient({ origin: hubOrigin(), token: session.token, userId: session.user.id, onSessionLost });
    c.start();
    const stopWatching = watchDevicePosition(c);
    window.__meldkamerField = {
      setPosition: (fix) => c.setPosition(fix),
      goOffline: () => c.goOffline(),
      goOnline: () => c.goOnline(),
      snapshot: () => c.getSnapshot(),
    };
    setClient(c);
    return () => {
      stopWatching();
      c.stop();
      delete window.__meldkamerField;
    };
  }, [session.token, session.user.id, onSessionLost]);

  if (!client) return null;
  return <FieldScreen client={client} session={session} onLogout={onLogout} onToggleLocale={onToggleLocale} />;
}

function FieldScreen({
  client,
  session,
  onLogout,
  onToggleLocale,
}: {
  client: FieldClient;
  session: Session;
  onLogout: () => void;
  onToggleLocale: () => void;
}) {
  const { t } = useFieldI18n();
  const snap = useSyncExternalStore(client.subscribe, client.getSnapshot);
  const { unit } = snap;
  const offers = snap.assignments.filter((a) => a.assignment.state === 'offered');
  const accepted = snap.assignments.filter((a) => a.assignment.state === 'accepted');
  const current = accepted.find((a) => a.report.id === unit?.currentReportId) ?? accepted[0];
  const status = unit ? effectiveStatus(unit.status, snap.queue) : null;
  const actor = unitActorOf(session.user.role);
  const transitions = status && actor ? allowedUnitTransitions(status, actor) : [];
  const statusPending = unit !== null && status !== unit.status;
  const areas = useMemo(() => snap.tasking.map((x) => x.area), [snap.tasking]);
  const mapReport = current ? { lat: current.report.lat, lng: current.report.lng, number: current.report.number } : null;
  const reportKey = mapReport ? `${mapReport.number}:${mapReport.lat},${mapReport.lng}` : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: the report is the same while its key is.
  const stableReport = useMemo(() => mapReport, [reportKey]);
  const meKey = snap.position ? `${snap.position.lat},${snap.position.lng}` : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new point only when the position moved.
  const me = useMemo(() => (snap.position ? { lat: snap.position.lat, lng: snap.position.lng } : null), [meKey]);

  const logout = () => {
    if (snap.queue.length > 0 && !window.confirm(t('header.logoutQueued', { n: snap.queue.length }))) return;
    onLogout();
  };

  return (
    <div className="f-app">
      <div className="f-top">
        <FieldHeader
        callsign={unit?.callsign ?? session.user.displayName}
        statusKey={status}
        statusPending={statusPending}
        connection={snap.connection}
        queueCount={snap.queue.length}
        geo={snap.geo}
        accuracy={snap.position?.accuracy ?? null}
        onLogout={logout}
        onToggleLocale={onToggleLocale}
      />
        <Notices notices={snap.notices} onDismiss={(id) => client.dismiss(id)} />
      </div>
      <main className="f-main">
        {!snap.loaded && <p className="f-muted f-loading">{t('loading')}</p>}
        <CheckInCard checkIn={snap.checkIn} onAnswer={(id) => client.answerCheckIn(id)} />
        <PriorityTrafficCards traffic={snap.priorityTraffic} />
        <AssistCards assists={snap.assists} />
        {offers.length > 0 && (
          <section className="f-section" aria-labelledby="f-offers-title">
            <h2 id="f-offers-title">{t('offers.title')}</h2>
            {offers.map((o) => (
              <OfferCard
                key={o.assignment.id}
                entry={o}
                skewMs={snap.skewMs}
                online={snap.connection === 'online'}
                onAnswer={(answer) => client.answerOffer(o.assignment.id, answer)}
              />
            ))}
          </section>
        )}
        {snap.loaded &&
          (current ? (
            <AssignmentCard
              key={current.assignment.id}
              client={client}
              snap={snap}
              entry={current}
              statusButtons={
                <StatusButtons transitions={transitions} pending={statusPending} onPick={(tr) => client.setStatus(tr.to, tr.label)} />
              }
            />
          ) : (
            <section className="f-section f-card" data-testid="field-no-assignment">
              <h2>{t('status.title')}</h2>
              <p className="f-muted">{t('assignment.none')}</p>
              <StatusButtons transitions={transitions} pending={statusPending} onPick={(tr) => client.setStatus(tr.to, tr.label)} />
            </section>
          ))}
        {snap.loaded && (areas.length > 0 || stableReport) && (
          <Suspense fallback={<p className="f-muted">{t('map.loading')}</p>}>
            <FieldMap areas={areas} report={stableReport} me={me} />
          </Suspense>
        )}
        {snap.loaded && <Worklist client={client} snap={snap} userId={session.user.id} />}
        {snap.loaded && <TaskingList tasking={snap.tasking} />}
      </main>
      <EmergencyButton client={client} snap={snap} />
    </div>
  );
}
