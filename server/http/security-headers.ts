import type { FastifyInstance } from 'fastify';

/** The same policy the Electron shell enforces; MapLibre needs inline styles and blob: workers. */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export function installSecurityHeaders(app: FastifyInstance, extraConnectSrc: string[] = []): void {
  const csp = extraConnectSrc.length > 0 ? CONSOLE_CSP.replace("connect-src 'self' ws: wss:", `connect-src 'self' ws: wss: ${extraConnectSrc.join(' ')}`) : CONSOLE_CSP;
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Content-Security-Policy', csp);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    return payload;
  });
}
