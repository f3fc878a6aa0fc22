/**
 * Calls a hub route by its name in server/protocol/routes.ts, so a URL is written once: the path and
 * query come from the table and the params, the answer is checked against the route's response schema.
 */
import { ROUTES, type RouteBody, type RouteName, type RouteParams, type RouteQuery, type RouteResponse } from '../../../server/protocol/routes';
import { request } from './client';

type Nothing = Record<never, never>;
type Or<T, Otherwise> = [T] extends [never] ? Otherwise : T;

/** The path params (`:id`) and the query of a route, in one object. */
export type CallParams<R extends RouteName> = Or<RouteParams<R>, Nothing> & Or<RouteQuery<R>, Nothing>;

export interface CallOptions {
  signal?: AbortSignal;
  /** Send the bearer token (default true). */
  auth?: boolean;
}

type BodyArgs<R extends RouteName> = [RouteBody<R>] extends [never] ? [body?: undefined, opts?: CallOptions] : [body: RouteBody<R>, opts?: CallOptions];

/** The URL of a route (without the hub origin): path params filled in and encoded, the other params as the query. */
export function urlFor<R extends RouteName>(name: R, params: CallParams<R>): string {
  const rest: Record<string, unknown> = { ...(params as object) };
  const path = ROUTES[name].path.replace(/:(\w+)/g, (_match, key: string) => {
    const value = rest[key];
    delete rest[key];
    return encodeURIComponent(String(value));
  });
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(rest)) {
    for (const item of [value].flat()) if (item !== undefined && item !== null) query.append(key, String(item));
  }
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

export function call<R extends RouteName>(name: R, params: CallParams<R>, ...[body, opts = {}]: BodyArgs<R>): Promise<RouteResponse<R>> {
  const route = ROUTES[name];
  return request(urlFor(name, params), {
    method: route.method,
    ...(body !== undefined ? { body } : {}),
    schema: route.response,
    ...opts,
  }) as Promise<RouteResponse<R>>;
}
