import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { HubEvent } from '../protocol/events';
import { WALLBOARD_NAMESPACE } from '../protocol/overview';
import { CONSOLE_NAMESPACE, FIELD_NAMESPACE } from '../protocol/socket';
import type { Store } from '../store/open';
import { emergencyState, openReportsByStatus, outboxState, unitsByStatus } from '../store/operations-readings';

/** What the gauges read when Prometheus scrapes (each read at scrape time, never kept). */
export interface MetricsSources {
  store: Store;
  clock: () => Date;
  socketCount: (namespace: string) => number;
  /** When the last scheduled backup succeeded (epoch seconds), or null (none yet, or PostgreSQL). */
  lastBackupAt: () => number | null;
}

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The hub's Prometheus metrics (README "Operating Meldkamer", metrics and alerts). One registry per hub (tests run
 * several hubs in one process). Counters and histograms are fed as things happen (HTTP answers, published events,
 * write transactions); the gauges of open reports, units, outbox, emergencies, sockets and the pool read their value at
 * scrape time. Labels carry route patterns and statuses, never ids or personal data.
 */
export class HubMetrics {
  readonly registry = new Registry();
  private readonly requests = new Histogram({
    name: 'meldkamer_http_request_duration_seconds',
    help: 'HTTP requests by route pattern, method and status, with their latency',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [this.registry],
  });
  private readonly events = new Counter({
    name: 'meldkamer_events_published_total',
    help: 'Events published to consoles and field clients, by type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  private readonly offersExpired = new Counter({
    name: 'meldkamer_offers_expired_total',
    help: 'Offers to a unit that expired unanswered',
    registers: [this.registry],
  });
  private readonly transactions = new Histogram({
    name: 'meldkamer_store_transaction_seconds',
    help: 'Write transactions of the store (a command, from its start to its commit)',
    labelNames: ['outcome'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [this.registry],
  });
  readonly clockSkew = new Gauge({
    name: 'meldkamer_clock_skew_seconds',
    help: "The hub's clock minus the database server's clock (PostgreSQL; 0 on SQLite), as last checked",
    registers: [this.registry],
  });

  constructor(private readonly sources: MetricsSources) {
    collectDefaultMetrics({ register: this.registry, prefix: 'meldkamer_process_' });
    this.gauges();
  }

  /** Times every HTTP answer by its route pattern (`/api/reports/:id`, not the id). */
  instrument(app: FastifyInstance): void {
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      this.requests.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });
  }

  /** Wraps the store's write transaction in a timer (before anything else uses the store). */
  timeTransactions(store: Store): void {
    const inner = store.writeTransaction.bind(store);
    store.writeTransaction = async (fn) => {
      const end = this.transactions.startTimer();
      try {
        const result = await inner(fn);
        end({ outcome: 'commit' });
        return result;
      } catch (err) {
        end({ outcome: 'rollback' });
        throw err;
      }
    };
  }

  eventPublished(event: HubEvent): void {
    this.events.inc({ type: event.type });
    if (event.type === 'alert.raised' && event.alert.kind === 'offer_expired') this.offersExpired.inc();
  }

  private gauges(): void {
    const { store, clock, socketCount, lastBackupAt } = this.sources;
    const registers = [this.registry];
    new Gauge({
      name: 'meldkamer_reports_open',
      help: 'Open reports (not closed) by status',
      labelNames: ['status'] as const,
      registers,
      async collect() {
        this.reset();
        for (const { status, n } of await openReportsByStatus(store.db)) this.set({ status }, n);
      },
    });
    new Gauge({
      name: 'meldkamer_units',
      help: 'Units by status',
      labelNames: ['status'] as const,
      registers,
      async collect() {
        this.reset();
        for (const { status, n } of await unitsByStatus(store.db)) this.set({ status }, n);
      },
    });
    // One read per scrape for each pair: the registry collects and writes a metric in the order registered, so the first
    // of a pair reads the state and sets the second, which is written after it.
    const ageSeconds = (iso: string | null) => (iso ? Math.max(0, (clock().getTime() - Date.parse(iso)) / 1000) : 0);
    const oldestQueued = new Gauge({
      name: 'meldkamer_outbox_oldest_queued_seconds',
      help: 'Age of the oldest citizen message still waiting to be delivered (0 when none waits)',
      registers: [],
    });
    new Gauge({
      name: 'meldkamer_outbox_messages',
      help: 'Citizen messages queued or failed',
      labelNames: ['status'] as const,
      registers,
      async collect() {
        const state = await outboxState(store.db);
        this.set({ status: 'queued' }, state.queued);
        this.set({ status: 'failed' }, state.failed);
        oldestQueued.set(ageSeconds(state.oldestQueuedAt));
      },
    });
    this.registry.registerMetric(oldestQueued);
    const oldestUnacked = new Gauge({
      name: 'meldkamer_emergency_oldest_unacknowledged_seconds',
      help: 'How long the oldest open emergency has waited for a console to acknowledge it (0 when none waits)',
      registers: [],
    });
    new Gauge({
      name: 'meldkamer_emergencies_open',
      help: 'Unit emergencies not yet ended',
      registers,
      async collect() {
        const state = await emergencyState(store.db);
        this.set(state.open);
        oldestUnacked.set(ageSeconds(state.oldestUnackedAt));
      },
    });
    this.registry.registerMetric(oldestUnacked);
    new Gauge({
      name: 'meldkamer_socket_connections',
      help: 'Connected Socket.IO clients by namespace',
      labelNames: ['namespace'] as const,
      registers,
      collect() {
        for (const namespace of [CONSOLE_NAMESPACE, FIELD_NAMESPACE, WALLBOARD_NAMESPACE]) this.set({ namespace }, socketCount(namespace));
      },
    });
    new Gauge({
      name: 'meldkamer_backup_last_success_timestamp_seconds',
      help: 'When the last scheduled backup of the embedded store succeeded (absent on PostgreSQL or before the first)',
      registers,
      collect() {
        this.reset();
        const at = lastBackupAt();
        if (at !== null) this.set(at);
      },
    });
    const pool = store.pgPool;
    if (pool) {
      new Gauge({
        name: 'meldkamer_pg_pool_clients',
        help: 'PostgreSQL pool clients: total, idle, and requests waiting for one',
        labelNames: ['state'] as const,
        registers,
        collect() {
          this.set({ state: 'total' }, pool.totalCount);
          this.set({ state: 'idle' }, pool.idleCount);
          this.set({ state: 'waiting' }, pool.waitingCount);
        },
      });
    }
  }
}
