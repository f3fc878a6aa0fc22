import { ROUTES, type RouteName, type RouteResponse } from '../../server/protocol/routes';
import { urlFor } from '../shared/api/call';

/**
 * The wallboard's calls: no bearer token, only its HttpOnly session cookie (same origin, sent by the browser). The
 * device token goes once in a POST body, never in a URL. Answers are checked against server/protocol.
 */
export class WallboardSignedOut extends Error {}

/** A GET of a route without params (the route table names the path and checks the answer). */
async function get<R extends RouteName>(name: R): Promise<RouteResponse<R>> {
  const path = ROUTES[name].path;
  const res = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (res.status === 401 || res.status === 403) throw new WallboardSignedOut(String(res.status));
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return ROUTES[name].response.parse(await res.json()) as RouteResponse<R>;
}

export const wallboardApi = {
  config: () => get('config.get'),
  session: () => get('wallboard.session'),
  categories: () => get('categories.list'),
  overview: () => get('overview.get'),
  async signIn(token: string): Promise<RouteResponse<'wallboard.signIn'>> {
    const res = await fetch(urlFor('wallboard.signIn', {}), {
      method: ROUTES['wallboard.signIn'].method,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    if (res.status === 401 || res.status === 422) throw new WallboardSignedOut(String(res.status));
    if (!res.ok) throw new Error(`sign-in: ${res.status}`);
    return ROUTES['wallboard.signIn'].response.parse(await res.json());
  },
};
