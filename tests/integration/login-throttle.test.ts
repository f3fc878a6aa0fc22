import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../server/protocol/auth';
import type { ApiError } from '../../server/protocol/common';
import type { HubEvent } from '../../server/protocol/events';
import type { LoginThrottlesResponse } from '../../server/protocol/throttles';
import { createPostgresDatabase, storeKinds } from '../support/databases';
import { jsonFrom } from '../support/from-address';
import { startTestHub, type TestHub } from '../support/hub';

const WRONG = 'niet-het-wachtwoord-42';

/** Issue 10, point 3: sign-in cannot be brute-forced, and cannot be locked from outside. */
describe.each(storeKinds)('sign-in throttling (%s)', (store) => {
  let t: TestHub;
  let now = Date.now();

  beforeEach(async () => {
    now = Date.now();
    t = await startTestHub({ store, clock: () => new Date(now) });
  });
  afterEach(async () => {
    await t.stop();
  });

  const login = (from: string, username: string, password: string) =>
    jsonFrom<LoginResponse & ApiError>(from, `${t.hub.url}/api/auth/login`, 'POST', { username, password });

  async function statuses(from: string, username: string, times: number): Promise<Record<number, number>> {
    const counts: Record<number, number> = {};
    for (let i = 0; i < times; i++) {
      const { status } = await login(from, username, WRONG);
      counts[status] = (counts[status] ?? 0) + 1;
    }
    return counts;
  }

  it('100 wrong passwords from one address: 5 are checked, the rest refused (429, Dutch, Retry-After); the right one from there is refused too, from another address it works', async () => {
    expect(await statuses('127.0.0.2', 'chef', 100)).toEqual({ 401: 5, 429: 95 });
    const refused = await login('127.0.0.2', 'chef', 'chef');
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('rate_limited');
    expect(refused.body.message).toMatch(/^Te veel mislukte inlogpogingen vanaf dit adres\. Probeer het over 1 min\. opnieuw/);
    expect(refused.body.text?.code).toBe('throttle.login.blocked');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);

    const elsewhere = await login('127.0.0.3', 'chef', 'chef');
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body.user.username).toBe('chef');
  });

  it('an unknown username is throttled exactly like a known one: the refusal does not tell whether the user exists', async () => {
    expect(await statuses('127.0.0.2', 'chef', 6)).toEqual({ 401: 5, 429: 1 });
    expect(await statuses('127.0.0.4', 'niemand-hier', 6)).toEqual({ 401: 5, 429: 1 });
    const known = await login('127.0.0.2', 'chef', WRONG);
    const unknown = await login('127.0.0.4', 'niemand-hier', WRONG);
    expect(unknown.body.message).toBe(known.body.message);
    expect(unknown.body.message).not.toMatch(/gebruiker/i);
  });

  it('the pair backs off: 1 minute after the 5th miss, 2 after the 6th (hub clock moved)', async () => {
    expect(await statuses('127.0.0.2', 'centralist', 5)).toEqual({ 401: 5 });
    expect(Number((await login('127.0.0.2', 'centralist', WRONG)).headers['retry-after'])).toBeLessThanOrEqual(60);
    now += 61_000;
    expect((await login('127.0.0.2', 'centralist', WRONG)).status).toBe(401);
    const second = Number((await login('127.0.0.2', 'centralist', WRONG)).headers['retry-after']);
    expect(second).toBeGreaterThan(60);
    expect(second).toBeLessThanOrEqual(120);
    now += 121_000;
    expect((await login('127.0.0.2', 'centralist', 'centralist')).status).toBe(200);
  });

  it('a sign-in clears its pair: 4 misses, a sign-in, 4 misses are not blocked', async () => {
    expect(await statuses('127.0.0.2', 'politie', 4)).toEqual({ 401: 4 });
    expect((await login('127.0.0.2', 'politie', 'politie')).status).toBe(200);
    expect(await statuses('127.0.0.2', 'politie', 4)).toEqual({ 401: 4 });
  });

  it('30 misses from one address over many usernames refuse that address, also for a user it never tried; other addresses sign in', async () => {
    for (let i = 0; i < 30; i++) expect((await login('127.0.0.5', `gok${i}`, WRONG)).status).toBe(401);
    expect((await login('127.0.0.5', 'chef', 'chef')).status).toBe(429);
    expect((await login('127.0.0.6', 'chef', 'chef')).status).toBe(200);
  });

  it('a user tried from many addresses: after 20 misses each further address gets one free miss, and the right password still works', async () => {
    for (const host of [1, 2, 3, 4]) expect(await statuses(`127.0.1.${host}`, 'admin', 5)).toEqual({ 401: 5 });
    expect(await statuses('127.0.1.5', 'admin', 2)).toEqual({ 401: 1, 429: 1 });
    expect((await login('127.0.1.6', 'admin', 'admin')).status).toBe(200);
  });

  it('shift lead and admin see who is being tried and lift a block; the block and the unblock are events without the password', async () => {
    const admin = (await login('127.0.0.9', 'admin', 'admin')).body;
    const chef = (await login('127.0.0.9', 'chef', 'chef')).body.token;
    const dispatcher = (await login('127.0.0.9', 'centralist', 'centralist')).body.token;
    const after = (await t.fetchEvents(chef, 0)).latestSeq;
    await statuses('127.0.0.2', 'boa1', 5);
    await statuses('127.0.0.2', 'onbekend', 2);

    expect((await t.api('GET', '/api/auth/throttles', dispatcher)).status).toBe(403);
    const listed = await t.api<LoginThrottlesResponse>('GET', '/api/auth/throttles', chef);
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(WRONG);
    const pair = listed.body.throttles.find((r) => r.scope === 'login_pair' && r.username === 'boa1');
    expect(pair).toMatchObject({ ip: '127.0.0.2', misses: 5, restricted: true });
    expect(Date.parse(pair?.blockedUntil ?? '')).toBeGreaterThan(now);
    expect(listed.body.throttles.find((r) => r.scope === 'login_ip')).toMatchObject({ ip: '127.0.0.2', misses: 7, username: null });
    // What was typed for an unknown user is not kept (it may be a password typed in the wrong field).
    expect(JSON.stringify(listed.body)).not.toContain('onbekend');
    expect(listed.body.throttles.find((r) => r.scope === 'login_pair' && r.username === null)).toMatchObject({ misses: 2, restricted: false });

    expect((await t.api('POST', `/api/auth/throttles/${pair?.id}/unblock`, dispatcher)).status).toBe(403);
    const lifted = await t.api<LoginThrottlesResponse['throttles'][number]>('POST', `/api/auth/throttles/${pair?.id}/unblock`, admin.token);
    expect(lifted.status).toBe(200);
    expect(lifted.body).toMatchObject({ misses: 0, blockedUntil: null, restricted: false });
    expect((await login('127.0.0.2', 'boa1', 'boa1')).status).toBe(200);
    expect((await t.api('POST', '/api/auth/throttles/nope/unblock', admin.token)).status).toBe(404);

    const events = (await t.fetchEvents(chef, after)).events.filter(
      (e): e is Extract<HubEvent, { type: 'auth.throttle' }> => e.type === 'auth.throttle',
    );
    expect(events.map((e) => [e.change, e.throttle.scope, e.throttle.username, e.actorId])).toEqual([
      ['blocked', 'login_pair', 'boa1', null],
      ['unblocked', 'login_pair', 'boa1', admin.user.id],
    ]);
    expect(JSON.stringify(events)).not.toContain(WRONG);
  });
});

describe.skipIf(!storeKinds.includes('postgres'))('sign-in limits across hub nodes (postgres)', () => {
  it('misses on one node count on the other', async () => {
    const database = await createPostgresDatabase();
    const a = await startTestHub({ store: 'postgres', database });
    const b = await startTestHub({ store: 'postgres', database, demo: false });
    try {
      for (let i = 0; i < 5; i++) {
        const node = i % 2 ? a : b;
        expect((await jsonFrom('127.0.0.7', `${node.hub.url}/api/auth/login`, 'POST', { username: 'chef', password: WRONG })).status).toBe(401);
      }
      for (const node of [a, b]) {
        expect((await jsonFrom('127.0.0.7', `${node.hub.url}/api/auth/login`, 'POST', { username: 'chef', password: 'chef' })).status).toBe(429);
      }
    } finally {
      await b.stop();
      await a.stop();
      await database.drop();
    }
  });
});
