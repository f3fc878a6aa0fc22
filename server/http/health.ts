import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Health } from '../protocol/api';
import { latestSeq } from '../store/events';
import { schemaReady } from '../store/migrate';
import type { Store } from '../store/open';
import type { HubMetrics } from './metrics';

export interface HealthSources {
  store: Store;
  version: string;
  startedAt: number;
  connectedClients: () => number;
  outboxRunning: () => boolean;
  metrics: HubMetrics;
  /** The scrape job's bearer token; unset, GET /metrics answers 404. */
  metricsToken: string | undefined;
}

/** How long the readiness check waits for the database before it calls it unreachable. */
const DATABASE_TIMEOUT_MS = 2000;

/**
 * - `GET /health/live`: the process answers (a liveness probe: restart it when this fails).
 * - `GET /health`: ready for traffic (a load balancer's check): the database answers, every migration of this build
 *   is applied and none needs a newer release (store/migrate.ts schemaReady), the outbox worker runs. 503 with the
 *   failing check otherwise.
 * - `GET /metrics`: Prometheus text for a scrape job holding the configured bearer token (never public: the figures
 *   say how busy the control room is).
 */
export function registerHealthRoutes(app: FastifyInstance, sources: HealthSources): void {
  const { store } = sources;
  app.get('/health/live', { config: { access: 'public' } }, async () => ({ status: 'ok' as const }));

  app.get('/health', { config: { access: 'public' } }, async (_request, reply): Promise<Health> => {
    const seq = await withTimeout(latestSeq(store.db), DATABASE_TIMEOUT_MS).catch(() => null);
    const database = seq !== null;
    const migrations = database ? await schemaReady(store.db, sources.version).catch(() => false) : false;
    const outbox = sources.outboxRunning();
    const ok = database && migrations && outbox;
    if (!ok) reply.code(503);
    return {
      status: ok ? 'ok' : 'unavailable',
      checks: { database, migrations, outbox },
      version: sources.version,
      uptimeSeconds: Math.round((Date.now() - sources.startedAt) / 1000),
      database: store.kind,
      connectedClients: sources.connectedClients(),
      latestSeq: seq,
    };
  });

  const expected = sources.metricsToken ? digest(sources.metricsToken) : null;
  app.get('/metrics', { config: { access: 'public' } }, async (request, reply) => {
    if (!expected) return reply.code(404).send({ error: 'not_found', message: 'metrics are off (set MELDKAMER_METRICS_TOKEN)' });
    const match = /^Bearer\s+(\S{1,512})$/.exec(request.headers.authorization ?? '');
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) {
      return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthenticated', message: 'a valid metrics token is required' });
    }
    const text = await sources.metrics.registry.metrics();
    return reply.header('content-type', sources.metrics.registry.contentType).header('cache-control', 'no-store').send(text);
  });
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
