import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { HubDeps } from './commands/context';
import { type Config, throttleLimitsOf } from './config';
import { createLogger, type Logger } from './log';
import type { ClientConfig } from './protocol/api';
import { installAccessControl, type RouteEntry } from './http/access';
import { installErrorHandler } from './http/errors';
import { checkResponses, type ResponseMismatch } from './http/route';
import { registerAuthRoutes } from './http/routes-auth';
import { registerUserRoutes } from './http/routes-users';
import { registerCitizenRoutes } from './http/routes-citizen';
import { registerCitizenPhotoRoute } from './http/routes-citizen-photo';
import { registerExternalRoutes } from './http/routes-external';
import { registerThrottleRoutes } from './http/routes-throttles';
import { registerWallboardRoutes } from './http/routes-wallboard';
import { attachWallboards, broadcastPositionsToWallboards, publishToWallboards } from './hub/wallboard-namespace';
import { registerOpen311Routes } from './http/open311';
import { registerLifecycleRoutes } from './http/routes-lifecycle';
import { registerSubReportRoutes } from './http/routes-sub-reports';
import { registerDispatchRoutes } from './http/routes-dispatch';
import { registerSafetyRoutes } from './http/routes-safety';
import { registerShiftReportRoutes } from './http/routes-shift-report';
import { registerSignalsBoardRoutes } from './http/routes-signals-board';
import { SafetySweeper } from './hub/safety-sweeper';
import { QuestionSweeper } from './hub/question-sweeper';
import { registerQuestionRoutes } from './http/routes-questions';
import { registerStatsRoutes } from './http/routes-stats';
import { kpiTargetsOf } from './hub/kpi-config';
import { setQuestionRules } from './commands/reporter-question';
import { safetyClientConfigOf, safetySettingsOf, shiftSettingsOf } from './hub/safety-config';
import { setSafetyRules } from './hub/safety-field';
import { municipalityOf } from './hub/municipality-config';
import { FIELD_NAMESPACE } from './protocol/socket';
import { registerContextRoutes } from './http/routes-context';
import { registerPhotoRoutes } from './http/routes-photos';
import { registerRetentionRoutes } from './http/routes-retention';
import { registerReplayRoutes } from './http/routes-replay';
import { registerForecastRoutes } from './http/routes-forecast';
import { registerAddressRoutes } from './http/routes-address';
import { createAddressSource } from './geo/create-source';
import { unavailableSource } from './geo/unavailable-source';
import { loadDemoAddresses } from './geo/demo-addresses';
import { addressRaisedAlerts } from './commands/alert-address';
import { intakeConfigOf } from './http/intake-config';
import { loadNeighbourhoods } from './http/neighbourhoods-config';
import { registerIntakeRoutes } from './http/routes-intake';
import { registerOutboxRoutes } from './http/routes-outbox';
import { registerPrivacyRoutes } from './http/routes-privacy';
import { registerReportRoutes } from './http/routes-reports';
import { installSecurityHeaders } from './http/security-headers';
import { registerConsoleStatic } from './http/static';
import { registerMapTileRoutes } from './http/map-tiles';
import { loadBasemap } from './map/basemap-config';
import { attachClusterAdapter } from './hub/cluster-adapter';
import { consoleCommands } from './hub/console-commands';
import { createFieldNamespace, publishToField } from './hub/field-namespace';
import { importLegacyPhotos } from './hub/legacy-photos';
import { OfferSweeper } from './hub/offer-sweeper';
import { AutoDispatcher, deskConnected } from './hub/auto-dispatch';
import { registerRunCardRoutes } from './http/routes-run-cards';
import { disconnectSessions } from './hub/session-rooms';
import { SessionSweeper } from './hub/session-sweeper';
import { KpiFactsJob } from './hub/kpi-facts-job';
import { RetentionJob } from './hub/retention-job';
import { FollowUpJob } from './hub/follow-up-job';
import { BackupJob } from './hub/backup-job';
import { ClockCheck } from './hub/clock-check';
import { PaperFallback } from './hub/paper-fallback';
import { HubMetrics } from './http/metrics';
import { registerHealthRoutes } from './http/health';
import { installRequestIds, REQUEST_ID_OPTIONS } from './http/request-id';
import { markDataDirInUse } from './store/data-dir-lock';
import { followUpSettingsOf } from './hub/follow-up-config';
import { PositionTracker } from './hub/positions';
import { broadcastPositions, connectedClientCount, createSocketServer, disconnectAll, type HubServer, publishToConsoles } from './hub/socket-server';
import { createOutboxWorker } from './notify/outbox-wiring';
import type { OutboxWorker } from './notify/worker';
import { adviseFirstAdmin, applyDemoMode } from './commands/demo-users';
import { type DemoLogin, seedDefaults, seedDemo } from './seed';
import { migrateToLatest } from './store/migrate';
import { openStore, type Store } from './store/open';
import { APP_VERSION, OLDEST_DESKTOP_VERSION } from './version';

export interface Hub {
  url: string;
  port: number;
  store: Store;
  io: HubServer;
  app: FastifyInstance;
  log: Logger;
  deps: HubDeps;
  outbox: OutboxWorker;
  demoLogins: DemoLogin[];
  /** The retention job (AVG); tests run it with `runNow()`. */
  retention: RetentionJob;
  /** Every registered route with its declared access (for audits and tests). */
  routes: RouteEntry[];
  /** Offers waiting reports by itself (hub/auto-dispatch.ts); tests look with `tick()`. */
  autoDispatch: AutoDispatcher;
  /** Ends expired sessions and disconnects their sockets; tests run it with `sweep()`. */
  sessions: SessionSweeper;
  /** Safety timers and late arrivals in a spoedmelding's area; tests run it with `sweep()`. */
  safety: SafetySweeper;
  /** Questions to the reporter left unanswered (hub/question-sweeper.ts); tests call `sweep()`. */
  questions: QuestionSweeper;
  /** Acts on scheduled reports' follow-up dates (hub/follow-up-job.ts); tests look with `tick()`. */
  followUps: FollowUpJob;
  /** The scheduled backup of the embedded store (hub/backup-job.ts), null on PostgreSQL; tests call `runNow()`. */
  backups: BackupJob | null;
  /** Writes the open queue to a printable page every few minutes (hub/paper-fallback.ts); tests call `write()`. */
  paper: PaperFallback;
  /** Stop accepting, let in-flight requests and transactions finish, close sockets and the store. */
  close(): Promise<void>;
}

export interface HubOptions {
  logger?: Logger;
  clock?: () => Date;
  /** Tests: check every /api answer against its route's response schema, reporting mismatches here. */
  checkResponses?: (mismatch: ResponseMismatch) => void;
  /** Tests: the oldest desktop app this hub says it supports, as a later release raising OLDEST_DESKTOP_VERSION would. */
  oldestDesktopVersion?: string;
}

const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../dist/renderer', import.meta.url));
/** Request line plus headers a client may send (see the Fastify options below). */
export const MAX_HEADER_BYTES = 512 * 1024;

export async function startHub(config: Config, options: HubOptions = {}): Promise<Hub> {
  const log = options.logger ?? createLogger(config);
  // Checked before anything is opened: a bad file stops start-up with the setting named.
  const neighbourhoods = loadNeighbourhoods(config);
  const basemap = loadBasemap(config);
  const store = openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    const applied = await migrateToLatest(store.db);
    if (applied.length > 0) log.info({ applied, database: store.kind }, 'migrations applied');
  } catch (err) {
    await store.close();
    throw err;
  }
  // Before anything writes: the store's transactions are timed for GET /metrics.
  let lastBackupAt: () => number | null = () => null;
  const metrics = new HubMetrics({
    store,
    clock: options.clock ?? (() => new Date()),
    socketCount: (namespace) => (io ? io.of(namespace).sockets.size : 0),
    lastBackupAt: () => lastBackupAt(),
  });
  metrics.timeTransactions(store);

  // 512 KiB of request line and headers (Node's default is 16 KiB): an Open311 status poll lists every id it tracks
  // in one GET (README "Open311", FixMyStreet: 20,000 ids is about 240 KB of query string).
  const app: FastifyInstance = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    bodyLimit: 1_000_000,
    return503OnClosing: true,
    trustProxy: config.trustProxy,
    http: { maxHeaderSize: MAX_HEADER_BYTES },
    ...REQUEST_ID_OPTIONS,
  });
  installRequestIds(app);
  metrics.instrument(app);
  let io: HubServer | undefined;
  let outbox: OutboxWorker | undefined;
  const deps: HubDeps = {
    store,
    log,
    clock: options.clock ?? (() => new Date()),
    publicUrl: config.publicUrl ?? '',
    readabilityFloor: config.readabilityFloor,
    municipality: municipalityOf(config),
    addresses: createAddressSource(config, store, log),
    neighbourhoods,
    wakeOutbox: () => outbox?.wake(),
    endSessions: (sessionIds) => {
      if (io) disconnectSessions(io as unknown as import('socket.io').Server, sessionIds);
    },
    publisher: {
      publish: (event) => {
        if (!io) return;
        publishToConsoles(io, event);
        publishToField(io as unknown as import('socket.io').Server, deps, event);
        publishToWallboards(io as unknown as import('socket.io').Server, event);
        addressRaisedAlerts(deps, event);
        metrics.eventPublished(event);
      },
    },
  };
  await seedDefaults(deps);
  // Photos kept as files on this node's disk before they moved into the store (migration 0008).
  await importLegacyPhotos(deps);
  const demo = config.demo ? await seedDemo(deps) : { seeded: false, logins: [] };
  if (config.demo) await loadDemoAddresses(store, log);
  await applyDemoMode(deps, config.demo);
  await adviseFirstAdmin(deps);

  const positions = new PositionTracker(deps, (fixes) => {
    if (!io) return;
    broadcastPositions(io, fixes);
    broadcastPositionsToWallboards(io as unknown as import('socket.io').Server, fixes);
  });
  installSecurityHeaders(app, { publicUrl: () => deps.publicUrl, mapOrigins: basemap.origins });
  installErrorHandler(app);
  const routes = installAccessControl(app, store, deps.clock);
  if (options.checkResponses) checkResponses(app, options.checkResponses);
  const startedAt = Date.now();

  registerHealthRoutes(app, {
    store,
    version: APP_VERSION,
    startedAt,
    connectedClients: () => (io ? connectedClientCount(io) : 0),
    outboxRunning: () => outbox?.isRunning ?? false,
    metrics,
    metricsToken: config.metricsToken,
  });
  const clientConfig: ClientConfig = {
    version: APP_VERSION,
    oldestDesktopVersion: options.oldestDesktopVersion ?? OLDEST_DESKTOP_VERSION,
    ...basemap.client,
    mapCenter: config.mapCenter,
    mapZoom: config.mapZoom,
    defaultLocale: config.defaultLocale,
    consoleIdleLockMinutes: config.consoleIdleLockMinutes,
    safety: safetyClientConfigOf(config),
  };
  const limits = throttleLimitsOf(config);
  registerAuthRoutes(app, deps, config.sessionHours, clientConfig, limits.login);
  registerThrottleRoutes(app, deps, limits.login);
  registerUserRoutes(app, deps);
  registerReportRoutes(app, deps);
  registerLifecycleRoutes(app, deps);
  setQuestionRules(deps, { answerWorkingDays: config.reporterQuestionWorkingDays, reopenReplyWorkingDays: config.reopenReplyWorkingDays });
  registerQuestionRoutes(app, deps);
  registerStatsRoutes(app, deps, { targets: kpiTargetsOf(config), timeZone: config.shiftTimeZone });
  registerSubReportRoutes(app, deps);
  registerOutboxRoutes(app, deps);
  registerPrivacyRoutes(app, deps);
  registerIntakeRoutes(app, deps, intakeConfigOf(config), neighbourhoods);
  registerDispatchRoutes(app, deps, () => positions.latest);
  const safetyRules = { safety: safetySettingsOf(config), shifts: shiftSettingsOf(config) };
  setSafetyRules(deps, safetyRules);
  registerSafetyRoutes(app, deps, () => safetyRules, () => positions.latest);
  registerRunCardRoutes(app, deps, () => positions.latest);
  registerShiftReportRoutes(app, deps, () => safetyRules.shifts, kpiTargetsOf(config));
  registerWallboardRoutes(app, deps, () => safetyRules.shifts.timeZone, limits.login);
  registerSignalsBoardRoutes(app, deps, neighbourhoods);
  registerPhotoRoutes(app, deps);
  registerContextRoutes(app, deps);
  registerRetentionRoutes(app, deps);
  registerReplayRoutes(app, deps, () => safetyRules.shifts.timeZone);
  registerForecastRoutes(app, deps, safetyRules.shifts.timeZone);
  registerAddressRoutes(app, deps.addresses ?? unavailableSource('no address source'));
  await registerCitizenRoutes(app, deps, limits.status);
  registerCitizenPhotoRoute(app, deps);
  await registerExternalRoutes(app, deps, { linkDays: () => config.externalLinkDays, limits: limits.status });
  await registerOpen311Routes(app, deps);
  registerMapTileRoutes(app, basemap);
  const consoleServed = await registerConsoleStatic(app, config.rendererDir ?? DEFAULT_RENDERER_DIR);
  if (!consoleServed) log.warn('console not built (dist/renderer missing): run `npm run build:renderer`');

  io = createSocketServer(app.server, deps, consoleCommands(positions));
  createFieldNamespace(io as unknown as import('socket.io').Server, deps, positions);
  attachWallboards(io as unknown as import('socket.io').Server, deps);
  const offerSweeper = new OfferSweeper(deps);
  const fieldIo = io as unknown as import('socket.io').Server;
  const safety = new SafetySweeper(deps, () => safetyRules, () => positions.latest, (unitId, event) =>
    fieldIo.of(FIELD_NAMESPACE).to(`unit:${unitId}`).emit('field:event', event),
  );
  const hubIoForDesk = io;
  const autoDispatch = new AutoDispatcher(deps, config.autoDispatch, config.nodeId, () => deskConnected(hubIoForDesk), () => positions.latest);
  const sessions = new SessionSweeper(deps);
  const kpiFacts = new KpiFactsJob(store.db, log);
  const questions = new QuestionSweeper(deps);
  const retention = new RetentionJob(deps, config.retention, config.nodeId);
  const followUps = new FollowUpJob(deps, followUpSettingsOf(config), config.nodeId);
  const backups = store.location
    ? new BackupJob(
        {
          source: store.location,
          dir: config.backupDir ?? join(config.dataDir, 'backups'),
          intervalMinutes: config.backupIntervalMinutes,
          keep: config.backupKeep,
        },
        log,
        deps.clock,
      )
    : null;
  lastBackupAt = () => (backups?.last?.ok ? Date.parse(backups.last.at) / 1000 : null);
  const clockCheck = new ClockCheck(store, deps.clock, log, (skew) => metrics.clockSkew.set(skew));
  const paper = new PaperFallback(
    store,
    {
      dir: config.paperFallbackDir ?? join(config.dataDir, 'paper'),
      everyMinutes: config.paperFallbackMinutes,
      timeZone: config.shiftTimeZone,
      municipality: config.municipalityName,
    },
    deps.clock,
    log,
  );
  // For `npm run restore`, which refuses a data directory a running hub holds.
  const releaseDataDir = store.location ? markDataDirInUse(config.dataDir, deps.clock()) : () => undefined;
  if (await attachClusterAdapter(io, store, log)) log.info('cluster adapter on PostgreSQL: events reach every hub node');
  outbox = createOutboxWorker(config, deps);
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  deps.publicUrl = url;
  outbox.start();
  positions.start();
  offerSweeper.start();
  safety.start();
  await autoDispatch.start();
  sessions.start();
  kpiFacts.start();
  void kpiFacts.tick();
  questions.start();
  retention.start();
  followUps.start();
  backups?.start();
  clockCheck.start();
  paper.start();
  log.info({ url, database: store.kind, dataDir: store.location ?? undefined, demo: demo.seeded }, 'hub listening');

  let closing: Promise<void> | undefined;
  const hubIo = io;
  const worker = outbox;
  const close = () => {
    closing ??= (async () => {
      // Each ends its schedule and waits for a run in progress (it writes through the store closed below).
      await Promise.all([offerSweeper.stop(), safety.stop(), autoDispatch.stop(), sessions.stop(), questions.stop(), followUps.stop(), kpiFacts.stop()]);
      await retention.stop();
      await backups?.stop();
      await clockCheck.stop();
      await paper.stop();
      positions.stop();
      disconnectAll(hubIo);
      // fastify.close stops accepting and waits for in-flight requests (and so their transactions).
      await app.close();
      // Closes the namespaces' adapters too (the cluster adapter's LISTEN connection), before the pool ends.
      await new Promise<void>((resolve) => hubIo.close(() => resolve()));
      await worker.stop();
      await store.close();
      basemap.tiles?.close();
      releaseDataDir();
      log.info('hub stopped');
    })();
    return closing;
  };
  return { url, port, store, io: hubIo, outbox: worker, app, log, deps, demoLogins: demo.logins, retention, sessions, safety, questions, followUps, backups, paper, routes, autoDispatch, close };
}
