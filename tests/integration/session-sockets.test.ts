import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { endUserSessions } from '../../server/commands/sessions';
import type { LoginResponse } from '../../server/protocol/auth';
import type { Ack } from '../../server/protocol/common';
import { createPostgresDatabase, storeKinds } from '../support/databases';
import { connectField } from '../support/field-units';
import { type ConsoleClient, startTestHub, type TestHub, waitFor } from '../support/hub';

/** Issue 10, point 4: a socket lives no longer than its session. */

type AnySocket = { connected: boolean; once(event: string, listener: (...args: unknown[]) => void): unknown };

function disconnected(socket: AnySocket): Promise<string> {
  if (!socket.connected) return Promise.resolve('already');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the socket was not disconnected within 5 s')), 5000);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(String(reason));
    });
  });
}

function recommend(socket: ConsoleClient): Promise<Ack<unknown>> {
  return socket.timeout(5000).emitWithAck('unit:recommend', { reportId: 'geen-melding' }) as Promise<Ack<unknown>>;
}

async function connected<T extends AnySocket>(socket: T): Promise<T> {
  await new Promise((resolve, reject) => {
    if (socket.connected) return resolve(undefined);
    socket.once('connect', () => resolve(undefined));
    socket.once('connect_error', (err) => reject(err));
  });
  return socket;
}

describe.each(storeKinds)('sockets follow their session (%s)', (store) => {
  let t: TestHub;
  let now = Date.now();

  beforeEach(async () => {
    now = Date.now();
    t = await startTestHub({ store, clock: () => new Date(now) });
  });
  afterEach(async () => {
    await t.stop();
  });

  it('logout disconnects that session\'s console socket at once; another session of the same user keeps working', async () => {
    const first = await t.login('chef');
    const second = await t.login('chef');
    const ended = t.connectConsole(first.token);
    const other = t.connectConsole(second.token);
    await Promise.all([waitFor(ended, 'connect'), waitFor(other, 'connect')]);
    const before = await recommend(ended);
    expect(before.ok === false && before.error.code).toBe('not_found');

    const gone = disconnected(ended);
    expect((await t.api('POST', '/api/auth/logout', first.token)).status).toBe(204);
    expect(await gone).toBe('io server disconnect');
    expect((await t.api('GET', '/api/me', first.token)).status).toBe(401);

    const stillThere = await recommend(other);
    expect(stillThere.ok).toBe(false);
    if (!stillThere.ok) expect(stillThere.error.code).toBe('not_found');

    // The ended session's token no longer opens a socket.
    const again = t.connectConsole(first.token);
    expect(((await waitFor<Error>(again, 'connect_error')) as Error).message).toBe('unauthenticated');
    again.disconnect();
  });

  it('logout disconnects a field socket too', async () => {
    const boa = await t.login('boa1');
    const field = await connected(connectField(t.hub.url, boa.token));
    const gone = disconnected(field);
    expect((await t.api('POST', '/api/auth/logout', boa.token)).status).toBe(204);
    expect(await gone).toBe('io server disconnect');
    field.disconnect();
  });

  it('an expired session (hub clock moved): its next command is refused as signed out and the socket disconnected; the sweeper ends the rest', async () => {
    const a = await t.login('centralist');
    const b = await t.login('politie');
    const boa = await t.login('boa1');
    const socketA = t.connectConsole(a.token);
    const socketB = t.connectConsole(b.token);
    const field = await connected(connectField(t.hub.url, boa.token));
    await Promise.all([waitFor(socketA, 'connect'), waitFor(socketB, 'connect')]);

    now = Date.parse(a.expiresAt) + 1000;
    const goneA = disconnected(socketA);
    const refused = await recommend(socketA);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('unauthenticated');
      expect(refused.error.message).toBe('Niet ingelogd of sessie verlopen');
    }
    expect(await goneA).toBe('io server disconnect');

    const fieldRefused = (await field.timeout(5000).emitWithAck('field:state', {})) as Ack<unknown>;
    expect(fieldRefused.ok === false && fieldRefused.error.code).toBe('unauthenticated');

    const goneB = disconnected(socketB);
    expect(await t.hub.sessions.sweep()).toBeGreaterThanOrEqual(2);
    expect(await goneB).toBe('io server disconnect');
    expect((await t.api('GET', '/api/me', b.token)).status).toBe(401);
    field.disconnect();
  });

  it('ending a user\'s sessions (deactivation, password change) disconnects every socket of that user and nobody else\'s', async () => {
    const sessions: LoginResponse[] = [await t.login('chef'), await t.login('chef')];
    const bystander = await t.login('centralist');
    const sockets = sessions.map((s) => t.connectConsole(s.token));
    const other = t.connectConsole(bystander.token);
    await Promise.all([...sockets, other].map((s) => waitFor(s, 'connect')));
    const gone = sockets.map(disconnected);

    expect(await endUserSessions(t.hub.deps, sessions[0]?.user.id ?? '')).toBe(2);
    expect(await Promise.all(gone)).toEqual(['io server disconnect', 'io server disconnect']);
    for (const s of sessions) expect((await t.api('GET', '/api/me', s.token)).status).toBe(401);
    expect(other.connected).toBe(true);
    expect((await t.api('GET', '/api/me', bystander.token)).status).toBe(200);
  });
});

describe.skipIf(!storeKinds.includes('postgres'))('sockets follow their session across hub nodes (postgres)', () => {
  it('a logout on one node disconnects the session\'s socket on the other', async () => {
    const database = await createPostgresDatabase();
    const a = await startTestHub({ store: 'postgres', database });
    // Both nodes in demo mode: demo users exist only in demo mode, and a node without it would switch them off.
    const b = await startTestHub({ store: 'postgres', database, demo: true });
    try {
      const session = await a.login('chef');
      const onB = b.connectConsole(session.token);
      await waitFor(onB, 'connect');
      const gone = disconnected(onB);
      expect((await a.api('POST', '/api/auth/logout', session.token)).status).toBe(204);
      expect(await gone).toBe('io server disconnect');
    } finally {
      await b.stop();
      await a.stop();
      await database.drop();
    }
  });
});
