/**
 * The wallboard's session cookie (issue 14, point 4): HttpOnly, SameSite=Strict, set by POST /api/wallboard/session.
 * Only a session of the `wallboard` role is accepted from it (http/access.ts, hub/wallboard-namespace.ts); every other
 * role signs in with a bearer token, so no console request rides on a cookie.
 */
export const WALLBOARD_COOKIE = 'mk_wallboard';

/** The wallboard session token in a Cookie header, if any (the token's own alphabet only). */
export function wallboardTokenOf(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== WALLBOARD_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    return /^[A-Za-z0-9_-]{20,200}$/.test(value) ? value : null;
  }
  return null;
}
