import { CategoriesResponse, ClientConfig } from '../../server/protocol/api';
import { OverviewSnapshot } from '../../server/protocol/overview';
import { WallboardSession } from '../../server/protocol/wallboard';

/**
 * The wallboard's calls: no bearer token, only its HttpOnly session cookie (same origin, sent by the browser). The
 * device token goes once in a POST body, never in a URL. Answers are checked against server/protocol.
 */
export class WallboardSignedOut extends Error {}

async function get<T>(path: string, schema: { parse(value: unknown): T }): Promise<T> {
  const res = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (res.status === 401 || res.status === 403) throw new WallboardSignedOut(String(res.status));
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return schema.parse(await res.json());
}

export const wallboardApi = {
  config: () => get('/api/config', ClientConfig),
  session: () => get('/api/wallboard/session', WallboardSession),
  categories: () => get('/api/categories', CategoriesResponse),
  overview: () => get('/api/overview', OverviewSnapshot),
  async signIn(token: string): Promise<WallboardSession> {
    const res = await fetch('/api/wallboard/session', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    if (res.status === 401 || res.status === 422) throw new WallboardSignedOut(String(res.status));
    if (!res.ok) throw new Error(`sign-in: ${res.status}`);
    return WallboardSession.parse(await res.json());
  },
};
