import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import envPaths from 'env-paths';
import { z } from 'zod';
import { demoExposureProblem } from './auth/demo-guard';
import { DEFAULT_DUPLICATE_PERIOD_DAYS, DEFAULT_DUPLICATE_RADIUS_METERS } from './domain/duplicates';
import { DEFAULT_EXTERNAL_LINK_DAYS } from './domain/external-referrals';
import { RetentionConfigSchema, retentionConfigFrom } from './hub/retention-config';
import { AutoDispatchConfigSchema } from './hub/auto-dispatch-config';
import { SAFETY_CONFIG_SHAPE, SAFETY_ENV_KEYS } from './hub/safety-config';
import { MUNICIPALITY_CONFIG_SHAPE, MUNICIPALITY_ENV_KEYS } from './hub/municipality-config';
import { FOLLOW_UP_CONFIG_SHAPE, FOLLOW_UP_ENV_KEYS } from './hub/follow-up-config';
import { READABILITY_CONFIG_SHAPE, READABILITY_ENV_KEYS } from './hub/readability-config';
import { KPI_CONFIG_SHAPE, KPI_ENV_KEYS } from './hub/kpi-config';
import { BACKUP_CONFIG_SHAPE, BACKUP_ENV_KEYS } from './hub/backup-config';
import { OPERATIONS_CONFIG_SHAPE, OPERATIONS_ENV_KEYS } from './hub/operations-config';
import { shiftSettingsProblem } from './domain/shifts';
import { TrustProxySchema } from './http/trust-proxy';
import { DEFAULT_LOGIN_LIMITS, DEFAULT_STATUS_LOOKUP_LIMITS, type LoginLimits, type StatusLookupLimits } from './domain/throttle';
import { type NotifyConfig, NotifyConfigSchema, notifyConfigFromEnv } from './notify/config';
import { Boolish } from './config-values';

export const ConfigSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(4800),
  dataDir: z.string().min(1).default(() => envPaths('meldkamer', { suffix: '' }).data),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave unset for the embedded SQLite store)')
    .optional(),
  demo: Boolish.default(false),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  publicUrl: z.url().optional(),
  mapStyleUrl: z.url().optional(),
  /** The basemap style for night use (PDOK's darkmode); unset = mapStyleUrl by night too. */
  mapNightStyleUrl: z.url().optional(),
  /** An MBTiles vector basemap (OpenMapTiles schema) the hub serves for offline control rooms (http/map-tiles.ts). */
  mapTiles: z.string().trim().min(1).optional(),
  /** Extra origins a remote basemap's style refers to (tiles, glyphs, sprites on another host), for the CSP. */
  mapOrigins: z
    .union([z.array(z.string()), z.string()])
    .transform((v) => (Array.isArray(v) ? v : v.split(/[\s,]+/)).map((o) => o.trim()).filter(Boolean))
    .default([]),
  mapCenter: z.tuple([z.number(), z.number()]).default([4.3, 52.075]),
  mapZoom: z.coerce.number().min(0).max(22).default(12),
  defaultLocale: z.enum(['nl', 'en']).default('nl'),
  sessionHours: z.coerce.number().positive().max(24 * 30).default(12),
  rendererDir: z.string().optional(),
  shutdownGraceMs: z.coerce.number().int().min(0).default(10_000),
  /** Identifies this hub process (outbox leases); stable across restarts of the same node. */
  nodeId: z.string().min(1).max(100).default(() => hostname()),
  /** Delays between delivery attempts of a citizen message, in ms; the last repeats. */
  outboxBackoffMs: z.array(z.number().int().min(0)).min(1).optional(),
  notify: NotifyConfigSchema.default({ maxAttempts: 6, pollMs: 1000 }),
  /** Intake: how far and how far back the duplicate search looks. */
  duplicateRadiusMeters: z.coerce.number().positive().max(5000).default(DEFAULT_DUPLICATE_RADIUS_METERS),
  duplicateWeeks: z.coerce.number().positive().max(104).default(DEFAULT_DUPLICATE_PERIOD_DAYS / 7),
  /** Shared secret of the social-media webhook; unset, the webhook answers 503. */
  webhookKey: z.string().min(16, 'must be at least 16 characters').max(512).optional(),
  /** GeoJSON file of neighbourhood (wijk) boundaries for hotspots per neighbourhood (http/neighbourhoods-config.ts). */
  neighbourhoodsFile: z.string().trim().min(1).optional(),
  /** Guessing limits (domain/throttle.ts): status lookup misses per report number and per address, per hour. */
  statusMissesPerNumber: z.coerce.number().int().min(1).max(1000).default(DEFAULT_STATUS_LOOKUP_LIMITS.perNumber),
  statusMissesPerAddress: z.coerce.number().int().min(1).max(10_000).default(DEFAULT_STATUS_LOOKUP_LIMITS.perAddress),
  /** Hand-off to an external party: how many days its link works (domain/external-referrals.ts). */
  externalLinkDays: z.coerce.number().int().min(1).max(90).default(DEFAULT_EXTERNAL_LINK_DAYS),
  /** Sign-in: free misses per user and address, misses per address and per user (per hour), longest block. */
  loginFreeMisses: z.coerce.number().int().min(1).max(100).default(DEFAULT_LOGIN_LIMITS.pairFreeMisses),
  loginMissesPerAddress: z.coerce.number().int().min(1).max(10_000).default(DEFAULT_LOGIN_LIMITS.perAddress),
  loginMissesPerUser: z.coerce.number().int().min(1).max(10_000).default(DEFAULT_LOGIN_LIMITS.perUser),
  loginMaxBlockMinutes: z.coerce.number().int().min(1).max(24 * 60).default(DEFAULT_LOGIN_LIMITS.maxBlockMinutes),
  /** Behind a load balancer or TLS proxy: which proxies' X-Forwarded-For/-Proto to believe (http/trust-proxy.ts). */
  trustProxy: TrustProxySchema.default(false),
  /** Demo mode on an address other than loopback is refused unless this says so (demo users have known passwords). */
  demoAllowRemote: Boolish.default(false),
  /** A console left alone this long locks its screen until the password is given again; 0 = never. */
  consoleIdleLockMinutes: z.coerce.number().min(0).max(24 * 60).default(15),
  /** Address search (server/geo): the offline index in the store, or PDOK's Locatieserver (the hub calls it). */
  addressSource: z.enum(['offline', 'pdok']).default('offline'),
  /** PDOK Locatieserver's base URL (…/search/v3_1, with /suggest, /lookup and /reverse below it). */
  pdokUrl: z.url().default('https://api.pdok.nl/bzk/locatieserver/search/v3_1'),
  /** How long the hub waits for the address source before answering address.unavailable. */
  addressTimeoutMs: z.coerce.number().int().min(50).max(30_000).default(2000),
  /** Answers of the address source kept in memory (LRU, per question); 0 = none. */
  addressCacheSize: z.coerce.number().int().min(0).max(1_000_000).default(5000),
  /** Retention of personal data (hub/retention-config.ts; env MELDKAMER_RETENTION_*). */
  retention: RetentionConfigSchema.default(() => RetentionConfigSchema.parse({})),
  /** A question to the reporter counts as unanswered after this many working days (commands/reporter-question.ts). */
  reporterQuestionWorkingDays: z.coerce.number().int().min(1).max(60).default(5),
  /** After a reopening "nee" on the status page, the citizen hears back within this many working days (told there). */
  reopenReplyWorkingDays: z.coerce.number().int().min(1).max(30).default(2),
  /** Auto-dispatch per category when no desk is connected or a report waits too long (hub/auto-dispatch-config.ts). */
  autoDispatch: AutoDispatchConfigSchema,
  /** Shift times and safety timers (hub/safety-config.ts; README "Veiligheid: regels en instellingen"). */
  ...SAFETY_CONFIG_SHAPE,
  /** The municipality citizen messages speak for: name, phone, web address (hub/municipality-config.ts). */
  ...MUNICIPALITY_CONFIG_SHAPE,
  /** The follow-up date acting (hub/follow-up-config.ts; README "De vervolgdatum"). */
  ...FOLLOW_UP_CONFIG_SHAPE,
  /** The plain-language floor of citizen messages (hub/readability-config.ts; README "Leesbaarheid (B1)"). */
  ...READABILITY_CONFIG_SHAPE,
  /** The KPI targets in percent (hub/kpi-config.ts; README "KPI's tegen doelen"). */
  ...KPI_CONFIG_SHAPE,
  /** The scheduled backup of the embedded store (hub/backup-config.ts; README "Operating Meldkamer"). */
  ...BACKUP_CONFIG_SHAPE,
  /** Monitoring and the paper fallback (hub/operations-config.ts; README "Operating Meldkamer"). */
  ...OPERATIONS_CONFIG_SHAPE,
});
export type Config = z.infer<typeof ConfigSchema>;

/** Environment variable → config key. The optional JSON file (MELDKAMER_CONFIG) uses the keys themselves. */
export const ENV_KEYS: Record<string, keyof Config> = {
  MELDKAMER_HOST: 'host',
  MELDKAMER_PORT: 'port',
  MELDKAMER_DATA_DIR: 'dataDir',
  DATABASE_URL: 'databaseUrl',
  MELDKAMER_DEMO: 'demo',
  MELDKAMER_LOG_LEVEL: 'logLevel',
  MELDKAMER_PUBLIC_URL: 'publicUrl',
  MELDKAMER_MAP_STYLE_URL: 'mapStyleUrl',
  MELDKAMER_MAP_NIGHT_STYLE_URL: 'mapNightStyleUrl',
  MELDKAMER_MAP_TILES: 'mapTiles',
  MELDKAMER_MAP_ORIGINS: 'mapOrigins',
  MELDKAMER_MAP_ZOOM: 'mapZoom',
  MELDKAMER_DEFAULT_LOCALE: 'defaultLocale',
  MELDKAMER_SESSION_HOURS: 'sessionHours',
  MELDKAMER_RENDERER_DIR: 'rendererDir',
  MELDKAMER_SHUTDOWN_GRACE_MS: 'shutdownGraceMs',
  MELDKAMER_NODE_ID: 'nodeId',
  MELDKAMER_DUPLICATE_RADIUS_M: 'duplicateRadiusMeters',
  MELDKAMER_DUPLICATE_WEEKS: 'duplicateWeeks',
  MELDKAMER_WEBHOOK_KEY: 'webhookKey',
  MELDKAMER_NEIGHBOURHOODS_FILE: 'neighbourhoodsFile',
  MELDKAMER_STATUS_MISSES_PER_NUMBER: 'statusMissesPerNumber',
  MELDKAMER_STATUS_MISSES_PER_ADDRESS: 'statusMissesPerAddress',
  MELDKAMER_EXTERNAL_LINK_DAYS: 'externalLinkDays',
  MELDKAMER_LOGIN_FREE_MISSES: 'loginFreeMisses',
  MELDKAMER_LOGIN_MISSES_PER_ADDRESS: 'loginMissesPerAddress',
  MELDKAMER_LOGIN_MISSES_PER_USER: 'loginMissesPerUser',
  MELDKAMER_LOGIN_MAX_BLOCK_MINUTES: 'loginMaxBlockMinutes',
  MELDKAMER_TRUST_PROXY: 'trustProxy',
  MELDKAMER_DEMO_ALLOW_REMOTE: 'demoAllowRemote',
  MELDKAMER_CONSOLE_IDLE_LOCK_MINUTES: 'consoleIdleLockMinutes',
  MELDKAMER_ADDRESS_SOURCE: 'addressSource',
  MELDKAMER_PDOK_URL: 'pdokUrl',
  MELDKAMER_ADDRESS_TIMEOUT_MS: 'addressTimeoutMs',
  MELDKAMER_ADDRESS_CACHE_SIZE: 'addressCacheSize',
  MELDKAMER_AUTO_DISPATCH: 'autoDispatch',
  MELDKAMER_REPORTER_QUESTION_DAYS: 'reporterQuestionWorkingDays',
  MELDKAMER_REOPEN_REPLY_DAYS: 'reopenReplyWorkingDays',
  ...SAFETY_ENV_KEYS,
  ...MUNICIPALITY_ENV_KEYS,
  ...FOLLOW_UP_ENV_KEYS,
  ...READABILITY_ENV_KEYS,
  ...KPI_ENV_KEYS,
  ...BACKUP_ENV_KEYS,
  ...OPERATIONS_ENV_KEYS,
};

export class ConfigError extends Error {}

function keyLabel(key: string, fromEnv: Set<string>): string {
  const envName = Object.entries(ENV_KEYS).find(([, k]) => k === key)?.[0];
  if (envName && fromEnv.has(key)) return envName;
  return envName ? `${key} (${envName})` : key;
}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Record<keyof Config, unknown>> = {},
): Config {
  let fileValues: Record<string, unknown> = {};
  const file = env.MELDKAMER_CONFIG;
  if (file) {
    try {
      fileValues = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new ConfigError(`Cannot read config file MELDKAMER_CONFIG=${file}: ${(err as Error).message}`);
    }
    if (typeof fileValues !== 'object' || fileValues === null || Array.isArray(fileValues)) {
      throw new ConfigError(`Config file ${file} must contain a JSON object`);
    }
    const unknownKeys = Object.keys(fileValues).filter((k) => !(k in ConfigSchema.shape));
    if (unknownKeys.length > 0) throw new ConfigError(`Unknown key in config file ${file}: ${unknownKeys.join(', ')}`);
  }
  const fromEnv = new Set<string>();
  const envValues: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const value = env[name];
    if (value !== undefined && value !== '') {
      envValues[key] = value;
      fromEnv.add(key);
    }
  }
  try {
    const notify: NotifyConfig = notifyConfigFromEnv(env);
    if (notify.smtp || notify.sms || !('notify' in fileValues)) envValues.notify = notify;
    envValues.retention = retentionConfigFrom(fileValues.retention, env);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const parsed = ConfigSchema.safeParse({ ...fileValues, ...envValues, ...overrides });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${keyLabel(String(i.path[0] ?? '?'), fromEnv)}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const shifts = shiftSettingsProblem({ vroeg: parsed.data.shiftVroeg, laat: parsed.data.shiftLaat, nacht: parsed.data.shiftNacht });
  if (shifts) throw new ConfigError(`Invalid configuration: ${shifts}`);
  const exposed = demoExposureProblem(parsed.data);
  if (exposed) throw new ConfigError(`Invalid configuration: ${exposed}`);
  return parsed.data;
}

/** The guessing limits of a configuration, in the domain's terms. */
export function throttleLimitsOf(config: Config): { status: StatusLookupLimits; login: LoginLimits } {
  return {
    status: { perNumber: config.statusMissesPerNumber, perAddress: config.statusMissesPerAddress },
    login: {
      pairFreeMisses: config.loginFreeMisses,
      perAddress: config.loginMissesPerAddress,
      perUser: config.loginMissesPerUser,
      maxBlockMinutes: config.loginMaxBlockMinutes,
    },
  };
}
