import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { overviewFigures } from '../../server/domain/overview';
import type { ClientConfig } from '../../server/protocol/api';
import { type OverviewEvent, WALLBOARD_NAMESPACE, type WallboardServerToClient } from '../../server/protocol/overview';
import type { Category } from '../../server/protocol/report';
import { formatDateTime, useI18n, useT } from '../console/i18n';
import { OverviewFigures } from '../console/overview/OverviewFigures';
import { categoryName } from '../console/ui/categoryName';
import { useFeedVersion } from '../console/overview/useOverviewFeed';
import { formatTimeOfDay } from '../shared/i18n/core';
import { OverviewFeed } from '../shared/overview/overviewFeed';
import { localDate } from '../shared/time/calendar';
import { useClock } from '../shared/time/useClock';
import { wallboardAlertLine } from './alertLine';
import { useFitToHeight } from './useFitToHeight';
import { WallboardMap } from './WallboardMap';
import { wallboardApi, WallboardSignedOut } from './wallboardApi';

type Phase = 'checking' | 'enter' | 'live';
const NO_CATEGORIES: ReadonlyMap<string, Category> = new Map();

/**
 * The control room's video wall (issue 14, point 4): signed in once with a device token (a POST from the entry form;
 * the hub answers with an HttpOnly cookie), then read-only and hands-off: the overview, open emergencies and alerts
 * and the map, kept live by the /wallboard namespace. It reconnects by itself after a hub restart (socket.io retries;
 * every connect takes a fresh snapshot) and falls back to the entry form only when its token is revoked.
 */
export function WallboardApp() {
  const t = useT();
  const [phase, setPhase] = useState<Phase>('checking');
  const [hubDown, setHubDown] = useState(false);

  useEffect(() => {
    if (phase !== 'checking') return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      wallboardApi
        .session()
        .then(() => !stopped && setPhase('live'))
        .catch((error: unknown) => {
          if (stopped) return;
          if (error instanceof WallboardSignedOut) setPhase('enter');
          else {
            setHubDown(true);
            timer = setTimeout(check, 5000);
          }
        });
    };
    check();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [phase]);

  if (phase === 'enter') return <EntryForm onSignedIn={() => setPhase('live')} />;
  if (phase === 'live') return <LiveBoard onSignedOut={() => setPhase('enter')} />;
  return (
    <div className="wb-center" role="status">
      {hubDown ? t('wallboard.offline') : t('overview.loading')}
    </div>
  );
}

function EntryForm({ onSignedIn }: { onSignedIn: () => void }) {
  const t = useT();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    wallboardApi
      .signIn(code.trim())
      .then(() => {
        setCode('');
        onSignedIn();
      })
      .catch((err: unknown) => setError(err instanceof WallboardSignedOut ? t('user.wallboard.bad_token') : t('wallboard.offline')))
      .finally(() => setBusy(false));
  };
  return (
    <form className="wb-center wb-entry" onSubmit={submit} data-testid="wallboard-entry">
      <h1>{t('wallboard.enterTitle')}</h1>
      <p>{t('wallboard.enterHelp')}</p>
      <label htmlFor="wb-code">{t('wallboard.code')}</label>
      <input
        id="wb-code"
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        data-testid="wallboard-code"
        autoFocus
      />
      <button type="submit" className="btn" disabled={busy || code.trim().length < 20} data-testid="wallboard-connect">
        {busy ? t('wallboard.connecting') : t('wallboard.connect')}
      </button>
      {error && (
        <p className="wb-bad" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function LiveBoard({ onSignedOut }: { onSignedOut: () => void }) {
  const { t, locale } = useI18n();
  const [online, setOnline] = useState(false);
  const [config, setConfig] = useState<ClientConfig | null>(null);
  const [categories, setCategories] = useState<ReadonlyMap<string, Category>>(NO_CATEGORIES);
  const [socket, setSocket] = useState<Socket<WallboardServerToClient> | null>(null);
  const feed = useMemo(() => new OverviewFeed({ fetchSnapshot: () => wallboardApi.overview() }), []);
  const version = useFeedVersion(feed);
  const { now } = useClock(10_000);

  useEffect(() => {
    wallboardApi.config().then(setConfig, () => undefined);
    wallboardApi.categories().then((answer) => setCategories(new Map(answer.categories.map((c) => [c.code, c]))), () => undefined);
  }, []);

  useEffect(() => {
    const ws: Socket<WallboardServerToClient> = io(WALLBOARD_NAMESPACE, { transports: ['websocket'], withCredentials: true });
    const stillSignedIn = () => {
      wallboardApi.session().catch((error: unknown) => {
        if (error instanceof WallboardSignedOut) onSignedOut();
      });
    };
    ws.on('connect', () => {
      setOnline(true);
      feed.connected();
    });
    ws.on('overview', (event: OverviewEvent) => feed.push(event));
    ws.on('disconnect', (reason) => {
      setOnline(false);
      // The hub ended the session (token revoked): back to the entry form. Anything else: socket.io reconnects.
      if (reason === 'io server disconnect') stillSignedIn();
    });
    ws.on('connect_error', (error) => {
      setOnline(false);
      if (error.message === 'unauthenticated') stillSignedIn();
    });
    setSocket(ws);
    return () => {
      ws.disconnect();
      feed.stop();
    };
  }, [feed, onSignedOut]);

  const state = feed.state;
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the feed's change counter (its state changes in place)
  const figures = useMemo(() => (state ? overviewFigures(state, now, feed.timeZone) : null), [state, now, feed, version]);
  const emergencies = state ? [...state.emergencies.values()].sort((a, b) => a.startedAt.localeCompare(b.startedAt)) : [];
  const alerts = state ? [...state.alerts.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) : [];
  // Every figure in view, however many categories and unit statuses there are.
  const figuresRef = useRef<HTMLDivElement>(null);
  useFitToHeight(figuresRef, figures);

  return (
    <div className="wb" data-testid="wallboard">
      <header className="wb-head">
        <h1>{t('wallboard.title')}</h1>
        <span className="wb-clock">{formatDateTime(new Date(now).toISOString(), locale)}</span>
        <span className={online ? 'wb-online' : 'wb-bad'} role="status" data-testid="wallboard-connection">
          {online ? t('conn.online') : t('wallboard.offline')}
        </span>
      </header>
      <section className={`wb-emergencies${emergencies.length > 0 ? ' wb-alarm' : ''}`} aria-labelledby="wb-em" data-testid="wallboard-emergencies">
        <h2 id="wb-em">{t('wallboard.emergencies')}</h2>
        {emergencies.length === 0 && <p>{t('wallboard.noEmergencies')}</p>}
        {emergencies.map((e) => (
          <p key={e.id} className="wb-emergency">
            {t('wallboard.emergencyLine', { callsign: e.callsign, time: formatDateTime(e.startedAt, locale), place: e.place ? ` · ${e.place}` : '' })}
          </p>
        ))}
      </section>
      <main className="wb-main">
        <div className="wb-figures" ref={figuresRef}>
          {figures ? <OverviewFigures figures={figures} now={now} categories={categories} /> : <p>{t('overview.loading')}</p>}
        </div>
        <div className="wb-side">
          <section aria-labelledby="wb-alerts" data-testid="wallboard-alerts">
            <h2 id="wb-alerts">{t('wallboard.alerts')}</h2>
            {alerts.length === 0 && <p>{t('wallboard.noAlerts')}</p>}
            <ul>
              {alerts.slice(0, 12).map((a) => (
                <li key={a.id} className={a.escalation ? `wb-esc-${a.escalation}` : undefined}>
                  <span className="wb-alert-subject">
                    {state &&
                      wallboardAlertLine(a, state, {
                        kind: (kind) => t(`alerts.kind.${kind}`),
                        category: (code) => categoryName(categories, code, locale),
                      })}
                  </span>
                  <span className="wb-alert-time">
                    {' · '}
                    {/* Today's alerts by their time only (the wall's clock shows the date): the report's words keep the room. */}
                    {localDate(Date.parse(a.createdAt)) === localDate(now) ? formatTimeOfDay(a.createdAt, locale) : formatDateTime(a.createdAt, locale)}
                  </span>
                </li>
              ))}
            </ul>
          </section>
          {config && state && <WallboardMap config={config} state={state} version={version} socket={socket} />}
        </div>
      </main>
    </div>
  );
}
