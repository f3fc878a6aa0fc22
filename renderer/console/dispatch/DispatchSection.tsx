import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { distanceText } from '../../../server/domain/distance-text';
import { secondsLeft } from '../../../server/domain/offers';
import { isAllowed } from '../../../server/domain/permissions';
import type { DomainText } from '../../../server/protocol/common';
import type { Assignment, Unit } from '../../../server/protocol/dispatch';
import type { Report, ReportStatus } from '../../../server/protocol/report';
import { dispatchKeys, useUnits } from '../api/dispatchQueries';
import { Loading } from '../ui/Loading';
import { useClock } from '../../shared/time/useClock';
import { useI18n } from '../i18n';
import { commandErrorText } from './commandErrors';
import { newCommandId, sendCommand, useDispatchContext, useHubCommand } from './commands';
import { formatDuration } from './format';
import { ExtraNotice, FilledNotice, RunCardLine, useRunCardAdvice } from './RunCardLine';
import { latestPerUnit, rankRecommendations } from './rankRecommendations';

/** The row shows distance and fix age in their own places; the hub's reasons repeat them, so they are left out here. */
function shownReasons(reasons: readonly DomainText[]): DomainText[] {
  return reasons.filter((r) => !r.code.startsWith('distance.') && r.code !== 'recommend.reason.position_age');
}

/** Report statuses the hub accepts an offer for (server/commands/dispatch.ts offerUnits). */
const OFFERABLE: ReadonlySet<ReportStatus> = new Set(['new', 'triaged', 'dispatched', 'in_progress']);
export const OFFER_TIMEOUTS = [10, 30, 60, 120, 300] as const;
const DEFAULT_TIMEOUT = 60;
const MAX_UNITS_PER_OFFER = 5;
const FAILED_STATES: ReadonlySet<Assignment['state']> = new Set(['declined', 'expired']);

/** "Eenheid toewijzen" in the report panel: ranked recommendations, offers with countdown, (re/un)assign. */
export function DispatchSection({ report }: { report: Report }) {
  const i18n = useI18n();
  const { t, text } = i18n;
  const { socket, role } = useDispatchContext();
  const run = useHubCommand();
  const { now } = useClock(1000);
  const canOffer = isAllowed('dispatch.offer', role);
  const offerable = OFFERABLE.has(report.status);

  const unitsQuery = useUnits(true);
  const unitsById = useMemo(
    () => new Map<string, Unit>((unitsQuery.data?.units ?? []).map((u) => [u.id, u])),
    [unitsQuery.data?.units],
  );
  const history = useMemo(
    () => (unitsQuery.data?.assignments ?? []).filter((a) => a.reportId === report.id),
    [unitsQuery.data?.assignments, report.id],
  );
  const shownAssignments = useMemo(() => latestPerUnit(history), [history]);

  const recommendationsQuery = useQuery({
    queryKey: dispatchKeys.recommendations(report.id),
    queryFn: () => sendCommand(socket, 'unit:recommend', { reportId: report.id }),
    enabled: socket !== null && canOffer && offerable,
    staleTime: Infinity,
    gcTime: 30_000,
    retry: 1,
  });
  const ranked = useMemo(
    () => rankRecommendations(recommendationsQuery.data ?? [], history),
    [recommendationsQuery.data, history],
  );
  const recommendedId = ranked[0]?.unitId ?? null;
  const adviceQuery = useRunCardAdvice(report.id, socket !== null && canOffer && offerable);

  // ---- every slot filled (run card, else one unit): the list collapses; "Extra eenheid" is a deliberate step ----
  const [extra, setExtra] = useState(false);
  const acceptedUnits = history.filter((a) => a.state === 'accepted').map((a) => a.unitId);
  const filled = acceptedUnits.length > 0 && acceptedUnits.length >= (adviceQuery.data?.needed ?? 1);

  // ---- selection: follows the top recommendation until the user picks ----
  const [picked, setPicked] = useState<string[] | null>(null);
  const available = useMemo(() => new Set(ranked.map((r) => r.unitId)), [ranked]);
  const selected = (picked ?? (recommendedId ? [recommendedId] : [])).filter((id) => available.has(id));
  const toggle = (unitId: string) => {
    const current = new Set(selected);
    if (current.has(unitId)) current.delete(unitId);
    else if (current.size < MAX_UNITS_PER_OFFER) current.add(unitId);
    setPicked([...current]);
  };

  const [timeoutSeconds, setTimeoutSeconds] = useState<number>(DEFAULT_TIMEOUT);
  const [reassignFrom, setReassignFrom] = useState<Assignment | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  // ---- a "no" or a timeout: say so, and the next recommendation is preselected ----
  const [next, setNext] = useState<string | null>(null);
  const statesSeen = useRef(new Map<string, Assignment['state']>());
  useEffect(() => {
    const seen = statesSeen.current;
    for (const a of history) {
      const before = seen.get(a.id);
      seen.set(a.id, a.state);
      if (before === 'offered' && FAILED_STATES.has(a.state)) {
        const callsign = unitsById.get(a.unitId)?.callsign ?? a.unitId;
        setNext(t('dispatch.next', { unit: callsign, state: t(`offerState.${a.state}`) }));
        setPicked(null);
      }
    }
  }, [history, unitsById, t]);
  // A reassignment in progress ends when that assignment is no longer accepted.
  useEffect(() => {
    if (!reassignFrom) return;
    const current = history.find((a) => a.id === reassignFrom.id);
    if (current && current.state !== 'accepted') setReassignFrom(null);
  }, [history, reassignFrom]);

  const callsigns = (ids: readonly string[]) =>
    ids.map((id) => ranked.find((r) => r.unitId === id)?.callsign ?? unitsById.get(id)?.callsign ?? id).join(', ');

  const offer = async () => {
    if (selected.length === 0 || busy) return;
    setBusy('offer');
    setError(null);
    setNext(null);
    try {
      if (reassignFrom) {
        await run('assignment:unassign', {
          commandId: newCommandId(),
          assignmentId: reassignFrom.id,
          reason: t('dispatch.reassignReason', { unit: callsigns(selected) }),
        });
        setReassignFrom(null);
      }
      await run('offer:create', { commandId: newCommandId(), reportId: report.id, unitIds: selected, timeoutSeconds, ...(filled && !reassignFrom ? { extra: true } : {}) });
      setPicked(null);
      setExtra(false);
    } catch (e) {
      setError(t('dispatch.offerFailed', { message: commandErrorText(i18n, e) }));
    } finally {
      setBusy(null);
    }
  };

  const offerAll = async (unitIds: string[]) => {
    if (busy) return;
    setBusy('offer');
    setError(null);
    try {
      await run('offer:create', { commandId: newCommandId(), reportId: report.id, unitIds, timeoutSeconds });
      setPicked(null);
    } catch (e) {
      setError(t('dispatch.offerFailed', { message: commandErrorText(i18n, e) }));
    } finally {
      setBusy(null);
    }
  };

  const unassign = async (assignment: Assignment) => {
    if (busy) return;
    setBusy(assignment.id);
    setError(null);
    try {
      await run('assignment:unassign', {
        commandId: newCommandId(),
        assignmentId: assignment.id,
        reason: t('dispatch.unassignReason'),
      });
    } catch (e) {
      setError(t('dispatch.commandFailed', { message: commandErrorText(i18n, e) }));
    } finally {
      setBusy(null);
    }
  };

  let recommendations: React.ReactNode = null;
  if (!canOffer) {
    recommendations = <p className="muted small">{t('dispatch.readOnly')}</p>;
  } else if (!offerable) {
    recommendations = (
      <p className="muted small" data-testid="dispatch-not-offerable">
        {t('dispatch.notOfferable')}
      </p>
    );
  } else if (filled && !extra && !reassignFrom) {
    recommendations = <FilledNotice units={callsigns(acceptedUnits)} onExtra={() => setExtra(true)} />;
  } else if (recommendationsQuery.isPending) {
    recommendations = <Loading label={t('dispatch.loading')} />;
  } else if (recommendationsQuery.isError) {
    recommendations = (
      <div role="alert">
        <p className="form-error">
          {t('dispatch.error', { message: commandErrorText(i18n, recommendationsQuery.error) })}
        </p>
        <button type="button" className="btn btn-small" onClick={() => void recommendationsQuery.refetch()}>
          {t('app.retry')}
        </button>
      </div>
    );
  } else if (ranked.length === 0) {
    recommendations = (
      <p className="muted small" data-testid="dispatch-none">
        {t('dispatch.none')}
      </p>
    );
  } else {
    recommendations = (
      <>
        {filled && !reassignFrom && <ExtraNotice units={callsigns(acceptedUnits)} onCancel={() => setExtra(false)} />}
        {adviceQuery.data && !filled && <RunCardLine advice={adviceQuery.data} callsigns={callsigns} busy={busy !== null} onOfferAll={(ids) => void offerAll(ids)} />}
        {reassignFrom && (
          <p className="notice dispatch-notice" data-testid="reassign-hint">
            {t('dispatch.reassignHint', { unit: unitsById.get(reassignFrom.unitId)?.callsign ?? '' })}
          </p>
        )}
        <ul className="recommendations" aria-label={t('dispatch.title')}>
          {ranked.map((r) => {
            const isRecommended = r.unitId === recommendedId;
            const isSelected = selected.includes(r.unitId);
            return (
              <li
                key={r.unitId}
                className={`recommendation-row${isRecommended ? ' recommended' : ''}${isSelected ? ' selected' : ''}${r.previous ? ' previous' : ''}`}
                data-testid="recommendation-row"
                data-unit-id={r.unitId}
                data-recommended={isRecommended ? 'true' : 'false'}
                data-selected={isSelected ? 'true' : 'false'}
              >
                <label>
                  <input
                    type="checkbox"
                    checked={isSelected}
                    onChange={() => toggle(r.unitId)}
                    aria-label={t('dispatch.select', { unit: r.callsign })}
                    data-testid="recommendation-select"
                  />
                  <span className="rec-main">
                    <span className="rec-line">
                      <strong className="rec-callsign">{r.callsign}</strong>
                      <span className="muted small">{t(`unitKindShort.${r.kind}`)}</span>
                      {isRecommended && (
                        <span className="rec-badge" data-testid="recommended-badge">
                          ★ {t('dispatch.recommended')}
                        </span>
                      )}
                      {r.taskedToArea && <span className="rec-tasked">{t('dispatch.tasked')}</span>}
                      {r.previous && <span className="rec-previous">{t(`dispatch.previous.${r.previous}`)}</span>}
                      <span className="row-spacer" />
                      <span className="rec-distance" data-testid="recommendation-distance">
                        {r.distanceMeters === null ? t('dispatch.noPosition') : text(distanceText(r.distanceMeters))}
                      </span>
                    </span>
                    <span className="rec-line muted small">
                      {r.positionAgeSeconds !== null && (
                        <span className={r.positionAgeSeconds > 120 ? 'stale' : ''}>
                          {t('dispatch.fixAge', { age: formatDuration(t, r.positionAgeSeconds * 1000) })}
                        </span>
                      )}
                      {r.load > 0 && <span>{t('dispatch.load', { n: r.load })}</span>}
                      {shownReasons(r.reasonTexts).length > 0 && (
                        <span className="rec-reasons" data-testid="recommendation-reasons">
                          {shownReasons(r.reasonTexts).map(text).join(' · ')}
                        </span>
                      )}
                    </span>
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
        <div className="offer-bar">
          <label className="offer-timeout">
            <span className="muted small">{t('dispatch.timeout')}</span>
            <select
              value={timeoutSeconds}
              onChange={(e) => setTimeoutSeconds(Number(e.target.value))}
              data-testid="offer-timeout"
            >
              {OFFER_TIMEOUTS.map((s) => (
                <option key={s} value={s}>
                  {t('dispatch.timeoutOption', { n: s })}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="btn btn-primary"
            disabled={selected.length === 0 || busy !== null}
            onClick={() => void offer()}
            data-testid="offer-submit"
          >
            {busy === 'offer' && <span className="spinner" aria-hidden="true" />}
            {selected.length === 0
              ? t('dispatch.offerNone')
              : t(reassignFrom ? 'dispatch.reassignTo' : 'dispatch.offer', { units: callsigns(selected) })}
          </button>
          {reassignFrom && (
            <button type="button" className="btn btn-ghost" onClick={() => setReassignFrom(null)}>
              {t('dispatch.cancel')}
            </button>
          )}
        </div>
      </>
    );
  }

  return (
    <section className="detail-section dispatch-panel" aria-label={t('dispatch.title')} data-testid="dispatch-panel">
      <h3>{t('dispatch.title')}</h3>
      {shownAssignments.length > 0 && (
        <ul className="offer-states" aria-label={t('dispatch.current')}>
          {shownAssignments.map((a) => {
            const callsign = unitsById.get(a.unitId)?.callsign ?? a.unitId;
            const left = secondsLeft(a, new Date(now));
            return (
              <li
                key={a.id}
                className={`offer-state offer-${a.state}`}
                data-testid="offer-state"
                data-state={a.state}
                data-unit-id={a.unitId}
                data-assignment-id={a.id}
              >
                <strong>{callsign}</strong>
                <span className={`offer-pill offer-pill-${a.state}`}>{t(`offerState.${a.state}`)}</span>
                {a.state === 'offered' && (
                  <span className="offer-countdown" data-testid="offer-countdown" data-seconds={left}>
                    {t('dispatch.countdown', { n: left })}
                  </span>
                )}
                <span className="row-spacer" />
                {canOffer && a.state === 'offered' && (
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={busy !== null}
                    onClick={() => void unassign(a)}
                    data-testid="offer-withdraw"
                  >
                    {busy === a.id && <span className="spinner" aria-hidden="true" />}
                    {t('dispatch.withdraw')}
                  </button>
                )}
                {canOffer && a.state === 'accepted' && (
                  <>
                    <button
                      type="button"
                      className={`btn btn-small${reassignFrom?.id === a.id ? ' active' : ''}`}
                      disabled={busy !== null || !offerable}
                      aria-pressed={reassignFrom?.id === a.id}
                      onClick={() => {
                        setReassignFrom((r) => (r?.id === a.id ? null : a));
                        setPicked(null);
                      }}
                      data-testid="assignment-reassign"
                    >
                      {t('dispatch.reassign')}
                    </button>
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={busy !== null}
                      onClick={() => void unassign(a)}
                      data-testid="assignment-unassign"
                    >
                      {busy === a.id && <span className="spinner" aria-hidden="true" />}
                      {t('dispatch.unassign')}
                    </button>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {next && (
        <p className="notice dispatch-notice" role="status" data-testid="dispatch-next">
          {next}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="dispatch-error">
          {error}
        </p>
      )}
      {recommendations}
    </section>
  );
}
