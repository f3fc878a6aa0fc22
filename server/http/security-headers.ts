import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * The same policy the Electron shell enforces; MapLibre needs inline styles and blob: workers. `connect-src`
 * is the hub's own origin: 'self' (which covers its ws:/wss: in current browsers) and, spelled out, the
 * websocket origin of the configured public URL; and the basemap's origins (`mapOrigins`: the style, its tiles,
 * glyphs and sprites), which `img-src` gets too. No other host.
 */
export function consoleCsp(publicUrl: string, mapOrigins: readonly string[] = []): string {
  const connect = ["'self'", ...websocketOrigins(publicUrl), ...mapOrigins];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    ['img-src', "'self'", 'data:', 'blob:', ...mapOrigins].join(' '),
    "font-src 'self'",
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * The origins a configured basemap loads from: those of the style URLs (day and night; a style on the hub itself
 * adds none) and the extra ones named for a style whose tiles, glyphs or sprites live on another host. Only https
 * origins, or http on this machine; anything else (a typo, credentials in the URL, another scheme) is left out.
 */
export function mapOriginsOf(styleUrls: readonly (string | null | undefined)[], extraOrigins: readonly string[] = []): string[] {
  const origins: string[] = [];
  for (const value of [...styleUrls, ...extraOrigins]) {
    if (!value) continue;
    let url: URL;
    try {
      url = new URL(value.trim());
    } catch {
      continue;
    }
    if (url.username || url.password) continue;
    if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))) origins.push(url.origin);
  }
  return [...new Set(origins)];
}

/** `https://meldkamer.example.nl/x` → `wss://meldkamer.example.nl`; nothing for a missing or odd URL. */
function websocketOrigins(publicUrl: string): string[] {
  try {
    const url = new URL(publicUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return [];
    return [url.origin.replace(/^http/, 'ws')];
  } catch {
    return [];
  }
}

/** Browser features no page of the hub uses are off; the field page may ask for the officer's position. */
const FEATURES_OFF = ['camera', 'microphone', 'payment', 'usb', 'serial', 'midi', 'display-capture', 'magnetometer', 'gyroscope', 'accelerometer'];

export function permissionsPolicy(path: string): string {
  const field = path === '/field' || path.startsWith('/field/') || path.startsWith('/field?') || path.startsWith('/field.html');
  return [...FEATURES_OFF.map((feature) => `${feature}=()`), `geolocation=(${field ? 'self' : ''})`, 'fullscreen=(self)'].join(', ');
}

/** One year; browsers then refuse plain http to this host. Only sent over TLS (over http it means nothing). */
export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Served over TLS: the request came in over https (also as a trusted proxy says with X-Forwarded-Proto, see
 * `trustProxy`), or the public URL is https (TLS ends at a proxy in front of the hub).
 */
export function servedOverTls(request: Pick<FastifyRequest, 'protocol'>, publicUrl: string): boolean {
  return request.protocol === 'https' || publicUrl.startsWith('https://');
}

export interface SecurityHeaderOptions {
  /** The hub's public URL; read per answer (known only once the hub listens). */
  publicUrl: () => string;
  /** Origins of the configured basemap (`mapOriginsOf`). */
  mapOrigins?: readonly string[];
}

export function installSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions): void {
  let csp = { publicUrl: '', value: consoleCsp('', options.mapOrigins) };
  app.addHook('onSend', async (request, reply, payload) => {
    const publicUrl = options.publicUrl();
    if (csp.publicUrl !== publicUrl) csp = { publicUrl, value: consoleCsp(publicUrl, options.mapOrigins) };
    reply.header('Content-Security-Policy', csp.value);
    reply.header('Permissions-Policy', permissionsPolicy(request.url));
    if (servedOverTls(request, publicUrl)) reply.header('Strict-Transport-Security', HSTS);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    return payload;
  });
}
