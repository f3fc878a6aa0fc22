import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { REPLAY_SPEEDS, REPLAY_WINDOW_MINUTES, type ReplayState, snapshotFromWire } from '../../../server/domain/replay';
import type { ClientConfig } from '../../../server/protocol/api';
import type { ReplayAlert, ReplayFix, ReplayReport, ReplayUnit } from '../../../server/protocol/replay';
import { errorMessage } from '../../shared/api/refusal';
import { useClock } from '../../shared/time/useClock';
import { historyApi } from '../api/history';
import { useCategories } from '../api/queries';
import { formatDateTime, useI18n } from '../i18n';
import { categoryName } from '../ui/categoryName';
import { HistoryMap } from './HistoryMap';
import { loadedWindow, ReplayPlayer } from './replayPlayer';
import { type AnsweredRange, answeredRange, clampToRange, rangeAt } from './replayRange';

const TICK_MS = 250;
const STEP_MS = 60_000;
const MAX_ROWS = 300;
const NONE: ReplayReport[] = [];
const NONE_UNITS: ReplayUnit[] = [];

/** What one instant shows: copied out of the player's state, so React sees a new value each frame. */
interface Frame {
  t: number;
  reports: ReplayReport[];
  units: ReplayUnit[];
  alerts: ReplayAlert[];
  positions: ReadonlyMap<string, ReplayFix>;
}

function frameOf(t: number, state: ReplayState): Frame {
  return {
    t,
    reports: [...state.reports.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    units: [...state.units.values()].sort((a, b) => a.callsign.localeCompare(b.callsign)),
    alerts: [...state.alerts.values()],
    positions: new Map(state.positions),
  };
}

/**
 * Terugkijken (shift replay): a slider over the last 12 hours, play at 1×, 10× or 60×, the queue, the units and the
 * alerts as they were, and the map. Read-only. The hub answers a snapshot and 5-minute windows of events and fixes
 * (server/store/replay.ts); this view plays them forward (replayPlayer.ts) and fetches the next window ahead.
 * Keys: space play/pause, ←/→ a minute (Shift: ten), Esc closes.
 */
export function ReplayView({ config, onClose }: { config: ClientConfig; onClose: () => void }) {
  const { t: tr, text, locale } = useI18n();
  const categories = useCategories(true);
  const categoryMap = useMemo(() => new Map((categories.data?.categories ?? []).map((c) => [c.code, c])), [categories.data]);
  const player = useRef(new ReplayPlayer());
  /** The range of the hub's last answer; it moves on with the clock (replayRange.ts), read fresh on each seek. */
  const [answered, setAnswered] = useState<AnsweredRange | null>(null);
  const { now } = useClock(15_000);
  const range = answered ? rangeAt(answered, now) : null;
  const [frame, setFrame] = useState<Frame | null>(null);
  /**
   * The instant a seek is loading: the slider shows it, not the old frame's. Shown the old one, the slider's DOM value
   * went back under the user's hand and its trailing change event sought there again, cancelling the jump (End did
   * nothing after Home).
   */
  const [loadingAt, setLoadingAt] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(10);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const timeRef = useRef(0);
  const loadToken = useRef(0);
  const prefetching = useRef<string | null>(null);

  const show = useCallback((t: number) => {
    timeRef.current = t;
    const state = player.current.played;
    if (state) setFrame(frameOf(t, state));
  }, []);

  const prefetchNext = useCallback(() => {
    const w = player.current.current;
    if (!w || player.current.hasNext || prefetching.current === w.until) return;
    prefetching.current = w.until;
    historyApi
      .window(w.until, REPLAY_WINDOW_MINUTES)
      .then((next) => player.current.offerNext(next))
      .catch(() => {
        prefetching.current = null;
      });
  }, []);

  const load = useCallback(
    async (t: number) => {
      const token = ++loadToken.current;
      setLoading(true);
      setError(null);
      try {
        const at = new Date(t).toISOString();
        const [snap, win] = await Promise.all([historyApi.snapshot(at), historyApi.window(at, REPLAY_WINDOW_MINUTES)]);
        if (token !== loadToken.current) return;
        setAnswered(answeredRange(snap.range, Date.now()));
        prefetching.current = null;
        player.current.load(loadedWindow(snapshotFromWire(snap.snapshot), win), t);
        show(t);
        prefetchNext();
      } catch (err) {
        if (token === loadToken.current) setError(errorMessage(err, text));
      } finally {
        if (token === loadToken.current) {
          setLoading(false);
          setLoadingAt(null);
        }
      }
    },
    [show, prefetchNext, text],
  );

  const seek = useCallback(
    (t: number) => {
      // The range as it is now, not as the slider last drew it: a view left open a while has moved on.
      const clamped = answered ? clampToRange(t, rangeAt(answered, Date.now())) : t;
      // The next step counts from here, also while this instant is still loading.
      timeRef.current = clamped;
      if (player.current.seek(clamped)) {
        show(clamped);
        prefetchNext();
      } else {
        setLoadingAt(clamped);
        void load(clamped);
      }
    },
    [answered, show, prefetchNext, load],
  );

  // The first frame: an hour ago (the hub says the range it reaches with the answer).
  useEffect(() => {
    void load(Date.now() - 3_600_000);
  }, [load]);

  // Play: move the instant on by speed × tick; at the end of the loaded windows wait for the next one.
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      if (loadToken.current > 0 && loading) return;
      const until = answered ? rangeAt(answered, Date.now()).until : Number.POSITIVE_INFINITY;
      const target = Math.min(timeRef.current + TICK_MS * speed, until);
      const w = player.current.current;
      if (w && target > Date.parse(w.until) && !player.current.hasNext) {
        // The next window is still on its way: hold at this one's end.
        if (player.current.seek(Date.parse(w.until))) show(Date.parse(w.until));
        prefetchNext();
        return;
      }
      seek(target);
      if (target >= until) setPlaying(false);
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [playing, speed, answered, loading, seek, show, prefetchNext]);

  // Keys: space, arrows, Esc; the slider's own arrow handling is replaced by ours.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'SELECT' || target.tagName === 'TEXTAREA' || (target.tagName === 'INPUT' && (target as HTMLInputElement).type !== 'range'))) return;
      // While replay is open its keys are its own: the console's shortcuts under it do not see them.
      if (e.key === ' ' || e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Escape') e.stopPropagation();
      if (e.key === ' ') {
        e.preventDefault();
        setPlaying((p) => !p);
      } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
        e.preventDefault();
        const step = (e.shiftKey ? 10 : 1) * STEP_MS * (e.key === 'ArrowLeft' ? -1 : 1);
        seek(timeRef.current + step);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [seek, onClose]);

  const reports = frame?.reports ?? NONE;
  const units = frame?.units ?? NONE_UNITS;
  const alerts = frame?.alerts ?? [];
  const reportNumbers = useMemo(() => new Map(reports.map((r) => [r.id, r.number])), [reports]);
  const reportFeatures = useMemo<GeoJSON.FeatureCollection>(
    () => ({
      type: 'FeatureCollection',
      features: reports.map((r) => ({
        type: 'Feature',
        id: r.id,
        geometry: { type: 'Point', coordinates: [r.lng, r.lat] },
        properties: { id: r.id, status: r.status, priority: r.priority },
      })),
    }),
    [reports],
  );
  const unitFeatures = useMemo<GeoJSON.FeatureCollection>(
    () => ({
      type: 'FeatureCollection',
      features: units.flatMap((u) => {
        const p = frame?.positions.get(u.id);
        return p
          ? [{ type: 'Feature' as const, id: u.id, geometry: { type: 'Point' as const, coordinates: [p.lng, p.lat] }, properties: { id: u.id, status: u.status, callsign: u.callsign } }]
          : [];
      }),
    }),
    [units, frame],
  );

  const at = frame ? new Date(frame.t).toISOString() : null;
  return (
    <div className="full-view history-view" role="dialog" aria-modal="true" aria-label={tr('replay.title')} data-testid="replay-view">
      <div className="history-head">
        <h2>{tr('replay.title')}</h2>
        <span className="muted small">{tr('replay.readOnly')}</span>
        <div className="header-spacer" />
        <button type="button" className="btn btn-ghost" onClick={onClose} data-testid="replay-close">
          {tr('replay.close')}
        </button>
      </div>
      <div className="replay-controls">
        <button type="button" className="btn" onClick={() => setPlaying((p) => !p)} aria-pressed={playing} data-testid="replay-play">
          {playing ? tr('replay.pause') : tr('replay.play')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => seek(timeRef.current - STEP_MS)} aria-label={tr('replay.back')}>
          −1′
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => seek(timeRef.current + STEP_MS)} aria-label={tr('replay.forward')}>
          +1′
        </button>
        <label className="replay-speed">
          {tr('replay.speed')}{' '}
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} data-testid="replay-speed">
            {REPLAY_SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <input
          type="range"
          className="replay-slider"
          aria-label={tr('replay.slider')}
          min={range?.from ?? 0}
          max={range?.until ?? 1}
          step={1000}
          value={loadingAt ?? frame?.t ?? range?.from ?? 0}
          disabled={!range}
          onChange={(e) => seek(Number(e.target.value))}
          data-testid="replay-slider"
        />
        <output className="replay-time" data-testid="replay-time" data-at={at ?? ''}>
          {at ? formatDateTime(at, locale) : '—'}
        </output>
        {loading && (
          <span className="muted small" data-testid="replay-loading">
            <span className="spinner" aria-hidden="true" /> {tr('replay.loading')}
          </span>
        )}
      </div>
      <p className="muted small replay-keys">{tr('replay.keys')}</p>
      {error && (
        <p className="error" role="alert">
          {tr('replay.error', { message: error })}
        </p>
      )}
      <div className="history-body">
        <div className="history-lists">
          <h3>{tr('replay.queue', { n: reports.length })}</h3>
          {reports.length === 0 && <p className="muted small">{tr('replay.noReports')}</p>}
          <table className="history-table" data-testid="replay-queue">
            <tbody>
              {reports.slice(0, MAX_ROWS).map((r) => (
                <tr key={r.id} data-testid="replay-report" data-status={r.status}>
                  <td className="mono">{r.number}</td>
                  <td>{categoryName(categoryMap, r.category, locale)}</td>
                  <td>{tr(`status.${r.status}`)}</td>
                  <td>{tr(`priority.${r.priority}`)}</td>
                  <td className="muted">{r.address ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{tr('replay.units', { n: units.length })}</h3>
          <table className="history-table" data-testid="replay-units">
            <tbody>
              {units.slice(0, MAX_ROWS).map((u) => (
                <tr key={u.id} data-testid="replay-unit" data-status={u.status}>
                  <td className="mono">{u.callsign}</td>
                  <td>{tr(`unit.status.${u.status}`)}</td>
                  <td className="muted">{u.currentReportId ? (reportNumbers.get(u.currentReportId) ?? '') : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{tr('replay.alerts', { n: alerts.length })}</h3>
          {alerts.length === 0 ? (
            <p className="muted small">{tr('replay.noAlerts')}</p>
          ) : (
            <ul className="history-alerts" data-testid="replay-alerts">
              {alerts.map((a) => (
                <li key={a.id}>
                  {formatDateTime(a.createdAt, locale)} · {a.message}
                </li>
              ))}
            </ul>
          )}
        </div>
        <HistoryMap config={config} reports={reportFeatures} units={unitFeatures} />
      </div>
    </div>
  );
}
