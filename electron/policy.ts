// Security policies of the desktop shell as plain functions, so unit tests cover them
// without an Electron binary. No `electron` or Node imports here: preload bundles this too.
import { z } from 'zod';

export const IPC_CHANNELS = {
  notify: 'meldkamer:notify',
  appInfo: 'meldkamer:app-info',
} as const;

export const DEFAULT_HUB_URL = 'http://127.0.0.1:4800';

/** Hosts whose https links may be handed to the system browser (subdomains included). */
export const DEFAULT_EXTERNAL_HOSTS: readonly string[] = ['openstreetmap.org'];

/** Permissions the console may use, and only from the hub origin. */
export const ALLOWED_PERMISSIONS: readonly string[] = ['notifications', 'fullscreen'];

export const NOTIFICATION_TITLE_MAX = 120;
export const NOTIFICATION_BODY_MAX = 1000;

function tryParseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

function isHttp(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

/** Normalised origin of the hub (`http://127.0.0.1:4800`); throws on anything but an http(s) URL. */
export function hubOrigin(hubUrl: string): string {
  const url = tryParseUrl(hubUrl.trim());
  if (!url) {
    throw new Error(`Invalid hub URL ${JSON.stringify(hubUrl)}: expected e.g. ${DEFAULT_HUB_URL}`);
  }
  if (!isHttp(url)) {
    throw new Error(`Invalid hub URL ${JSON.stringify(hubUrl)}: only http: and https: are supported, got ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new Error(`Invalid hub URL ${JSON.stringify(hubUrl)}: credentials in the URL are not allowed`);
  }
  return url.origin;
}

/** Loopback names and addresses: the only hosts a plain-http hub may be on (nothing leaves the machine). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * The hub origin the desktop shell may load: `hubOrigin`, and http only on loopback. A console over
 * plain http to another machine would send passwords, session tokens and citizens' data unencrypted.
 */
export function secureHubOrigin(hubUrl: string): string {
  const origin = hubOrigin(hubUrl);
  const url = new URL(origin);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new Error(
      `Insecure hub URL ${JSON.stringify(hubUrl)}: use https:// for a hub on another machine (http:// is only allowed for localhost and 127.0.0.1)`,
    );
  }
  return origin;
}

function normalisedOrigin(origin: string): string | null {
  try {
    return hubOrigin(origin);
  } catch {
    return null;
  }
}

/** True when `candidate` is an http(s) URL on exactly the hub origin, without credentials. */
function isHubUrl(candidate: string, origin: string): boolean {
  const expected = normalisedOrigin(origin);
  const url = tryParseUrl(candidate);
  if (!expected || !url || !isHttp(url)) return false;
  // `http://evil@127.0.0.1:4800` is same-origin, but nothing legitimate links like that.
  if (url.username || url.password) return false;
  return url.origin === expected;
}

export function isAllowedNavigation(targetUrl: string, hub: string): boolean {
  return isHubUrl(targetUrl, hub);
}

export type WindowOpenDecision = { action: 'deny'; openExternally?: string };

function hostMatches(hostname: string, allowed: string): boolean {
  const host = allowed.trim().toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
  if (!host) return false;
  return hostname === host || hostname.endsWith(`.${host}`);
}

/**
 * The console never opens in-app windows. An https link to an allow-listed host (e.g. an
 * OpenStreetMap "navigate" link) goes to the system browser; everything else is dropped.
 */
export function windowOpenDecision(
  url: string,
  hub: string,
  externalHosts: readonly string[] = DEFAULT_EXTERNAL_HOSTS,
): WindowOpenDecision {
  const parsed = tryParseUrl(url);
  if (parsed?.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) {
    return { action: 'deny' };
  }
  if (parsed.origin === normalisedOrigin(hub)) return { action: 'deny' };
  const hostname = parsed.hostname.toLowerCase().replace(/\.$/, '');
  if (externalHosts.some((allowed) => hostMatches(hostname, allowed))) {
    return { action: 'deny', openExternally: parsed.href };
  }
  return { action: 'deny' };
}

/** Comma- or whitespace-separated host list from configuration, added to the defaults. */
export function parseExternalHosts(
  value: string | undefined,
  defaults: readonly string[] = DEFAULT_EXTERNAL_HOSTS,
): string[] {
  const extra = (value ?? '')
    .split(/[\s,]+/)
    .map((host) => host.trim().toLowerCase())
    .filter((host) => /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host));
  return [...new Set([...defaults, ...extra])];
}

/**
 * `requestingOrigin` may be an origin (permission check handler) or a full URL
 * (permission request handler's `requestingUrl`); both are compared by origin.
 */
export function isPermissionAllowed(permission: string, requestingOrigin: string, hub: string): boolean {
  if (!ALLOWED_PERMISSIONS.includes(permission)) return false;
  return isHubUrl(requestingOrigin, hub);
}

export function isTrustedIpcSender(senderFrameUrl: string | undefined | null, hub: string): boolean {
  if (typeof senderFrameUrl !== 'string' || senderFrameUrl === '') return false;
  return isHubUrl(senderFrameUrl, hub);
}

export interface CspOptions {
  /**
   * Extra https origins for remote map data (style, tiles, glyphs, sprites), e.g. a PDOK
   * basemap. Added to connect-src and img-src. Invalid entries are ignored.
   */
  mapOrigins?: readonly string[];
}

export type CspDirectives = Readonly<Record<string, readonly string[]>>;

function websocketOrigin(origin: string): string {
  return origin.replace(/^http/, 'ws');
}

/** https origins of the values (and http ones on this machine); anything else is left out. */
function httpsOrigins(values: readonly (string | undefined)[]): string[] {
  const origins: string[] = [];
  for (const value of values) {
    const url = value ? tryParseUrl(value.trim()) : null;
    if (!url || url.username || url.password) continue;
    if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) origins.push(url.origin);
  }
  return [...new Set(origins)];
}

/**
 * The basemap's origins, from the settings the hub reads too (npm start hands the shell the same environment):
 * the day and night style URLs (PDOK's) and `MELDKAMER_MAP_ORIGINS` for hosts a style's tiles, glyphs or sprites
 * are on besides its own. A style on the hub (the offline basemap) needs none.
 */
export function mapOriginsFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  const extra = (env.MELDKAMER_MAP_ORIGINS ?? '').split(/[\s,]+/);
  return httpsOrigins([env.MELDKAMER_MAP_STYLE_URL, env.MELDKAMER_MAP_NIGHT_STYLE_URL, ...extra]);
}

/**
 * What the console window may fetch: the hub (http and its websocket), the basemap's origins, and its own data:
 * and blob: URLs (MapLibre's workers and images). Anything else is cancelled before it leaves the machine.
 */
export function isAllowedRequest(target: string, hub: string, mapOrigins: readonly string[] = []): boolean {
  const url = tryParseUrl(target);
  if (!url) return false;
  if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'devtools:') return true;
  if (url.username || url.password) return false;
  const expected = normalisedOrigin(hub);
  if (url.protocol === 'ws:' || url.protocol === 'wss:') return expected !== null && url.origin.replace(/^ws/, 'http') === expected;
  if (!isHttp(url)) return false;
  return url.origin === expected || httpsOrigins(mapOrigins).includes(url.origin);
}

/**
 * The console's Content-Security-Policy as data, so the hub can send the same policy
 * to browsers. Without `hub`, connect-src relies on 'self' alone (which covers
 * same-origin ws:/wss: in current Chromium and Firefox).
 */
export function cspDirectives(hub?: string, options: CspOptions = {}): CspDirectives {
  const maps = httpsOrigins(options.mapOrigins ?? []);
  const connect = ["'self'"];
  if (hub !== undefined) connect.push(websocketOrigin(hubOrigin(hub)));
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    // MapLibre sets inline styles on its canvas and controls.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...maps],
    // MapLibre runs its workers from blob: URLs unless setWorkerUrl points at 'self'.
    'worker-src': ["'self'", 'blob:'],
    'connect-src': [...connect, ...maps],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
  };
}

export function formatCsp(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');
}

export function contentSecurityPolicy(hub: string, options: CspOptions = {}): string {
  return formatCsp(cspDirectives(hub, options));
}

/**
 * Adds our CSP to response headers without dropping one the server sent: the browser
 * enforces every CSP header, so the stricter of the two wins for each directive.
 */
export function withCspHeader(
  headers: Record<string, string | string[]> | undefined,
  csp: string,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  let existing: string[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    if (name.toLowerCase() === 'content-security-policy') existing = existing.concat(values);
    else result[name] = values;
  }
  result['Content-Security-Policy'] = [...existing, csp];
  return result;
}

// Built on first use: a top-level schema would pull all of zod into the preload bundle.
let notificationSchema: z.ZodType<NotificationPayload> | undefined;

function getNotificationSchema(): z.ZodType<NotificationPayload> {
  notificationSchema ??= z.strictObject({
    title: z.string().trim().min(1).max(NOTIFICATION_TITLE_MAX),
    body: z.string().trim().max(NOTIFICATION_BODY_MAX),
  });
  return notificationSchema;
}

export interface NotificationPayload {
  title: string;
  body: string;
}

/** Validates a `meldkamer:notify` payload from the renderer; null when it is not acceptable. */
export function parseNotification(payload: unknown): NotificationPayload | null {
  const result = getNotificationSchema().safeParse(payload);
  return result.success ? { title: result.data.title, body: result.data.body } : null;
}

export interface WindowPreferencesInput {
  preload: string;
  additionalArguments: string[];
  /** `app.isPackaged`: an installed build opens no DevTools. */
  packaged: boolean;
}

/** The console window's webPreferences: isolated, sandboxed, no Node, and DevTools only in development. */
export function consoleWebPreferences(input: WindowPreferencesInput) {
  return {
    preload: input.preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    devTools: !input.packaged,
    additionalArguments: input.additionalArguments,
  } as const;
}

export interface AppInfo {
  version: string;
  hubUrl: string;
}

const ARG_VERSION = '--meldkamer-version=';
const ARG_HUB_URL = '--meldkamer-hub-url=';

/**
 * A sandboxed preload cannot read files or env, but it does see `process.argv`,
 * which includes `webPreferences.additionalArguments`.
 */
export function appInfoArguments(info: AppInfo): string[] {
  return [`${ARG_VERSION}${info.version}`, `${ARG_HUB_URL}${info.hubUrl}`];
}

export function readAppInfoArguments(argv: readonly string[]): AppInfo {
  const find = (prefix: string) => argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length) ?? '';
  return { version: find(ARG_VERSION), hubUrl: find(ARG_HUB_URL) };
}
