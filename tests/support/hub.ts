import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { type Config, loadConfig } from '../../server/config';
import type { ResponseMismatch } from '../../server/http/route';
import type { Logger } from '../../server/log';
import { type Hub, startHub } from '../../server/start-hub';
import type { LoginResponse } from '../../server/protocol/auth';
import type { EventsPage } from '../../server/protocol/events';
import type { CreateReportInput } from '../../server/protocol/report';
import { CONSOLE_NAMESPACE, type ConsoleClientToServer, type ConsoleServerToClient } from '../../server/protocol/socket';
import { createPostgresDatabase, type StoreKind, type TestDatabase } from './databases';

export type ConsoleClient = Socket<ConsoleServerToClient, ConsoleClientToServer>;

export interface TestHub {
  hub: Hub;
  dataDir: string;
  databaseUrl: string | undefined;
  login(username: string, password?: string): Promise<LoginResponse>;
  api<T = unknown>(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: T }>;
  connectConsole(token: string | undefined, options?: { autoConnect?: boolean }): ConsoleClient;
  fetchEvents(token: string, after: number): Promise<EventsPage>;
  stop(): Promise<void>;
}

export interface TestHubOptions {
  store?: StoreKind;
  demo?: boolean;
  clock?: () => Date;
  /** Reuse a data dir / database (restart tests). */
  dataDir?: string;
  database?: TestDatabase;
  smtp?: { host: string; port: number };
  /** More configuration, as keys of server/config.ts (e.g. webhookKey, neighbourhoodsFile). */
  config?: Partial<Record<keyof Config, unknown>>;
  /** The environment loadConfig reads (default: none, so the developer's shell cannot leak in). */
  env?: NodeJS.ProcessEnv;
  /** The hub's logger (e.g. one writing into a buffer, to read what the hub logs). */
  logger?: Logger;
  /** The oldest desktop app the hub says it supports (a later release's hub). */
  oldestDesktopVersion?: string;
}

/** A real hub on an ephemeral port with its own temp SQLite file or fresh PostgreSQL database. */
export async function startTestHub(options: TestHubOptions = {}): Promise<TestHub> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'meldkamer-test-'));
  const database = options.database ?? (options.store === 'postgres' ? await createPostgresDatabase() : undefined);
  const config = loadConfig(
    options.env ?? {},
    {
      host: '127.0.0.1',
      port: 0,
      dataDir,
      databaseUrl: database?.url,
      demo: options.demo ?? true,
      logLevel: process.env.MELDKAMER_TEST_LOG ?? 'silent',
      // A build of the console elsewhere than dist/renderer (e.g. one per working copy).
      ...(process.env.MELDKAMER_RENDERER_DIR ? { rendererDir: process.env.MELDKAMER_RENDERER_DIR } : {}),
      outboxBackoffMs: [200, 400],
      notify: {
        maxAttempts: 6,
        pollMs: 100,
        ...(options.smtp
          ? { smtp: { host: options.smtp.host, port: options.smtp.port, secure: false, from: 'Gemeente Den Haag <meldingen@denhaag.example>' } }
          : {}),
      },
      ...options.config,
    },
  );
  // Every /api answer is checked against its route's response schema; a mismatch fails the test at stop().
  const mismatches: ResponseMismatch[] = [];
  const hub = await startHub(config, {
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.oldestDesktopVersion ? { oldestDesktopVersion: options.oldestDesktopVersion } : {}),
    checkResponses: (m) => mismatches.push(m),
  });
  const sockets: ConsoleClient[] = [];

  const api: TestHub['api'] = async (method, path, token, body) => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${hub.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as never };
  };

  return {
    hub,
    dataDir,
    databaseUrl: database?.url,
    api,
    async login(username, password = username) {
      const res = await api<LoginResponse>('POST', '/api/auth/login', undefined, { username, password });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    connectConsole(token, { autoConnect = true } = {}) {
      const socket: ConsoleClient = connect(`${hub.url}${CONSOLE_NAMESPACE}`, {
        auth: token ? { token } : {},
        transports: ['websocket'],
        forceNew: true,
        autoConnect,
        reconnectionDelay: 50,
        reconnectionDelayMax: 200,
      });
      sockets.push(socket);
      return socket;
    },
    async fetchEvents(token, after) {
      const res = await api<EventsPage>('GET', `/api/events?after=${after}`, token);
      if (res.status !== 200) throw new Error(`events failed: ${res.status}`);
      return res.body;
    },
    async stop() {
      for (const s of sockets) s.disconnect();
      await hub.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      if (database && !options.database) await database.drop();
      if (mismatches.length > 0) {
        throw new Error(`answers that do not match their route's response schema: ${JSON.stringify(mismatches, null, 1).slice(0, 4000)}`);
      }
    },
  };
}

export function sampleReport(overrides: Partial<CreateReportInput> = {}): CreateReportInput {
  return {
    category: 'groen',
    location: { lat: 52.0799, lng: 4.3113 },
    address: 'Lange Voorhout 34',
    description: 'Boomtak hangt laag over de stoep',
    source: 'phone',
    priority: 'normal',
    ...overrides,
  };
}

export function waitFor<T>(socket: ConsoleClient, event: 'event' | 'connect' | 'connect_error', timeoutMs = 5000): Promise<T> {
  if (event === 'connect' && socket.connected) return Promise.resolve(undefined as T);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${event}`)), timeoutMs);
    // biome-ignore lint/suspicious/noExplicitAny: generic helper over typed and reserved events
    (socket as any).once(event, (value: T) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
