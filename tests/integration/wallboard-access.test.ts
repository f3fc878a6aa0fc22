import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { WALLBOARD_NAMESPACE } from '../../server/protocol/overview';
import type { IssuedWallboardDevice, WallboardDevice } from '../../server/protocol/wallboard';
import { ACCOUNT_PASSWORD, createAccount } from '../support/accounts';
import { storeKinds } from '../support/databases';
import { startTestHub, type TestHub, until, waitFor } from '../support/hub';

/**
 * The wallboard role (issue 14 point 4): the admin issues a device token (only its hash kept) and revokes it; the screen
 * exchanges it once, by POST, for an HttpOnly cookie; the cookie reads the overview and nothing else; revoking ends the
 * session and drops the wall's socket at once.
 */
describe.each(storeKinds)('wallboard device tokens (%s)', (store) => {
  let t: TestHub;
  let admin = '';
  let desk = '';
  let chef = '';
  let device: IssuedWallboardDevice;
  let cookie = '';

  const signIn = (token: string) =>
    fetch(`${t.hub.url}/api/wallboard/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  const withCookie = (method: string, path: string, value = cookie) => fetch(`${t.hub.url}${path}`, { method, headers: { cookie: value } });
  const wallSocket = (value = cookie): Socket =>
    connect(`${t.hub.url}${WALLBOARD_NAMESPACE}`, { transports: ['websocket'], extraHeaders: { cookie: value }, forceNew: true, reconnection: false });

  beforeAll(async () => {
    t = await startTestHub({ store, demo: false });
    await createAccount(t.hub, 'beheer', 'admin');
    await createAccount(t.hub, 'desk', 'dispatcher');
    await createAccount(t.hub, 'chef', 'shift_lead');
    admin = (await t.login('beheer', ACCOUNT_PASSWORD)).token;
    desk = (await t.login('desk', ACCOUNT_PASSWORD)).token;
    chef = (await t.login('chef', ACCOUNT_PASSWORD)).token;
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('only the admin issues a token; it is shown once and only its hash is kept', async () => {
    for (const token of [desk, chef]) expect((await t.api('POST', '/api/admin/wallboards', token, { name: 'Wand' })).status).toBe(403);
    expect((await t.api('POST', '/api/admin/wallboards', admin, { name: '' })).status).toBe(422);
    expect((await t.api('POST', '/api/admin/wallboards', admin, { name: 'Wand', role: 'admin' })).status).toBe(422);
    const issued = await t.api<IssuedWallboardDevice>('POST', '/api/admin/wallboards', admin, { name: 'Videowand meldkamer' });
    expect(issued.status).toBe(201);
    device = issued.body;
    expect(device.token).toMatch(/^mkwb_[A-Za-z0-9_-]{40,}$/);
    expect(device.token.startsWith(device.tokenPrefix)).toBe(true);
    const list = await t.api<{ devices: WallboardDevice[] }>('GET', '/api/admin/wallboards', admin);
    expect(list.body.devices.map((d) => d.name)).toEqual(['Videowand meldkamer']);
    expect(JSON.stringify(list.body)).not.toContain(device.token);
    const rows = await t.hub.store.db.selectFrom('wallboard_devices').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(device.token);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    // Its user is no account: not in the admin's user list, and no password signs it in.
    const users = await t.api<{ users: { role: string }[] }>('GET', '/api/admin/users', admin);
    expect(users.body.users.some((u) => u.role === 'wallboard')).toBe(false);
    expect((await t.api('POST', '/api/admin/users', admin, { username: 'wand2', displayName: 'Wand', role: 'wallboard', password: ACCOUNT_PASSWORD })).status).toBe(422);
  });

  it('exchanges the token by POST for an HttpOnly cookie; a wrong token gets none', async () => {
    const wrong = await signIn(`mkwb_${'x'.repeat(43)}`);
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const res = await signIn(device.token);
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^mk_wallboard=[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+/);
    const body = await res.text();
    expect(body).toContain('Videowand meldkamer');
    expect(body).not.toContain(device.token);
    cookie = setCookie.split(';')[0] ?? '';
    expect(cookie.slice('mk_wallboard='.length)).not.toBe(device.token);
    expect((await withCookie('GET', '/api/wallboard/session')).status).toBe(200);
    expect((await withCookie('GET', '/api/overview')).status).toBe(200);
    const devices = await t.api<{ devices: WallboardDevice[] }>('GET', '/api/admin/wallboards', admin);
    expect(devices.body.devices[0]?.lastUsedAt).not.toBeNull();
  });

  it('the wallboard is denied everything else, over HTTP and the console socket', async () => {
    for (const [method, path] of [
      ['GET', '/api/reports'],
      ['GET', '/api/reports/queue'],
      ['GET', '/api/events?after=0'],
      ['GET', '/api/units'],
      ['GET', '/api/alerts'],
      ['GET', '/api/emergencies'],
      ['GET', '/api/me'],
      ['GET', '/api/stats'],
      ['GET', '/api/admin/wallboards'],
      ['GET', '/api/admin/users'],
      ['GET', '/api/satisfaction'],
      ['POST', '/api/reports'],
    ] as const) {
      expect((await withCookie(method, path)).status, `${method} ${path}`).toBe(403);
    }
    // Its session is no bearer token for the console socket either.
    const consoleSocket = connect(`${t.hub.url}/console`, {
      transports: ['websocket'],
      extraHeaders: { cookie },
      auth: { token: cookie.slice('mk_wallboard='.length) },
      forceNew: true,
      reconnection: false,
    });
    const refused = await waitFor<Error>(consoleSocket as never, 'connect_error', 10_000);
    expect(refused.message).toBe('forbidden');
    consoleSocket.disconnect();
    // A console session sent as the cookie is not accepted: cookies sign in the wallboard role only.
    const deskCookie = `mk_wallboard=${desk}`;
    expect((await withCookie('GET', '/api/overview', deskCookie)).status).toBe(401);
    const deskWall = wallSocket(deskCookie);
    expect((await waitFor<Error>(deskWall as never, 'connect_error', 10_000)).message).toBe('forbidden');
    deskWall.disconnect();
  });

  it('revoking ends the session at once: the wall’s socket drops and the token no longer signs in', async () => {
    const wall = wallSocket();
    await until(() => wall.connected, 10_000, 'the wall to connect');
    const dropped = new Promise<string>((resolve) => wall.once('disconnect', (reason) => resolve(reason)));
    expect((await t.api('POST', `/api/admin/wallboards/${device.id}/revoke`, desk)).status).toBe(403);
    const revoked = await t.api<WallboardDevice>('POST', `/api/admin/wallboards/${device.id}/revoke`, admin);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    expect(await dropped).toBe('io server disconnect');
    expect((await withCookie('GET', '/api/overview')).status).toBe(401);
    expect((await signIn(device.token)).status).toBe(401);
    const again = wallSocket();
    expect((await waitFor<Error>(again as never, 'connect_error', 10_000)).message).toBe('unauthenticated');
    again.disconnect();
    expect((await t.api('POST', '/api/admin/wallboards/unknown-id/revoke', admin)).status).toBe(404);
  });
});
