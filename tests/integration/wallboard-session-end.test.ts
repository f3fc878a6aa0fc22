import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { ApiError } from '../../server/protocol/common';
import { WALLBOARD_NAMESPACE } from '../../server/protocol/overview';
import type { IssuedWallboardDevice } from '../../server/protocol/wallboard';
import { ACCOUNT_PASSWORD, createAccount } from '../support/accounts';
import { storeKinds } from '../support/databases';
import { jsonFrom } from '../support/from-address';
import { startTestHub, type TestHub, until } from '../support/hub';

/**
 * The wallboard's sign-in and the end of its session (issue 14 point 4, walkthrough): wrong device tokens are throttled
 * as wrong passwords are (the sign-in's limiter, per address); a wall session that expires on the hub clock is ended by
 * the sweeper and its live socket dropped by the hub.
 */
describe.each(storeKinds)('wallboard sign-in throttle and session end (%s)', (store) => {
  let t: TestHub;
  let now = Date.now();
  let device: IssuedWallboardDevice;

  const signIn = (from: string, token: string) =>
    jsonFrom<{ expiresAt: string } & ApiError>(from, `${t.hub.url}/api/wallboard/session`, 'POST', { token });

  beforeAll(async () => {
    t = await startTestHub({ store, demo: false, clock: () => new Date(now) });
    await createAccount(t.hub, 'beheer', 'admin');
    const admin = (await t.login('beheer', ACCOUNT_PASSWORD)).token;
    const issued = await t.api<IssuedWallboardDevice>('POST', '/api/admin/wallboards', admin, { name: 'Videowand' });
    expect(issued.status).toBe(201);
    device = issued.body;
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('wrong device tokens from one address are throttled like wrong passwords; the right token from there too, from another address it works', async () => {
    const counts: Record<number, number> = {};
    for (let i = 0; i < 12; i++) {
      const { status } = await signIn('127.0.0.2', `mkwb_${String(i).padStart(43, 'x')}`);
      counts[status] = (counts[status] ?? 0) + 1;
    }
    expect(counts).toEqual({ 401: 5, 429: 7 });
    const refused = await signIn('127.0.0.2', device.token);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await signIn('127.0.0.3', device.token)).status).toBe(200);
  });

  it('a wall session that expires on the hub clock: the sweeper ends it and the hub drops its socket', async () => {
    const res = await signIn('127.0.0.4', device.token);
    expect(res.status).toBe(200);
    const cookie = String(res.headers['set-cookie'] ?? '').split(';')[0] ?? '';
    const wall: Socket = connect(`${t.hub.url}${WALLBOARD_NAMESPACE}`, { transports: ['websocket'], extraHeaders: { cookie }, forceNew: true, reconnection: false });
    await until(() => wall.connected, 10_000, 'the wall to connect');
    const dropped = new Promise<string>((resolve) => wall.once('disconnect', (reason) => resolve(reason)));
    now = Date.parse(res.body.expiresAt) + 1000;
    expect(await t.hub.sessions.sweep()).toBeGreaterThanOrEqual(1);
    expect(await dropped).toBe('io server disconnect');
    const session = await fetch(`${t.hub.url}/api/wallboard/session`, { headers: { cookie } });
    expect(session.status).toBe(401);
    wall.disconnect();
  });
});
