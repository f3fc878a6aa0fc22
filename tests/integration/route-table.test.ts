import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandler } from '../../server/http/errors';
import { checkResponses, JsonStream, type ResponseMismatch, route } from '../../server/http/route';
import type { ClientConfig } from '../../server/protocol/api';
import { ROUTES } from '../../server/protocol/routes';
import { startTestHub, type TestHub } from '../support/hub';

/** Every /api route the hub serves is declared once in server/protocol/routes.ts, with the same access. */
describe('the route table', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ store: 'sqlite' });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('lists every registered /api route, and every entry is registered, with the same access', () => {
    const registered = t.hub.routes
      .filter((r) => r.url.startsWith('/api') && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url} ${r.access}`)
      .sort();
    const declared = Object.values(ROUTES)
      .map((r) => `${r.method} ${r.path} ${r.access}`)
      .sort();
    expect(registered).toEqual(declared);
  });

  it('declares each method and path once', () => {
    const keys = Object.values(ROUTES).map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('answers an unknown id of 100 characters as any unknown id (404), not with a 422 from a tighter command schema', async () => {
    const [chef, admin] = [(await t.login('chef')).token, (await t.login('admin')).token];
    const answers = async (id: string) => ({
      get: (await t.api('GET', `/api/reports/${id}`, chef)).status,
      transition: (await t.api('POST', `/api/reports/${id}/transition`, chef, { to: 'triaged' })).status,
      linkReporter: (await t.api('POST', `/api/reports/${id}/reporters`, chef, { name: 'Jan de Vries', consent: true })).status,
      merge: (await t.api('POST', `/api/reports/${id}/duplicate-of`, chef, { originalId: 'een-andere' })).status,
      retry: (await t.api('POST', `/api/outbox/${id}/retry`, chef)).status,
      revoke: (await t.api('DELETE', `/api/admin/api-keys/${id}`, admin)).status,
    });
    const long = await answers('x'.repeat(100));
    expect(long).toEqual(await answers('bestaat-niet'));
    expect(long).toMatchObject({ get: 404, transition: 404, linkReporter: 404, merge: 404, revoke: 404 });
  });

  it('leaves answers that match their schema alone, errors included: same status, same body, nothing reported', async () => {
    const app = Fastify();
    installErrorHandler(app);
    const mismatches: ResponseMismatch[] = [];
    checkResponses(app, (m) => mismatches.push(m));
    // A valid answer: the one the hub gives.
    const config = (await t.api<ClientConfig>('GET', '/api/config')).body;
    route(app, 'config.get', async () => config);
    route(app, 'auth.login', async () => {
      throw new Error('not reached: the body is refused first');
    });
    const answer = await app.inject({ method: 'GET', url: '/api/config' });
    expect([answer.statusCode, answer.json()]).toEqual([200, config]);
    const refusal = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'centralist' } });
    expect(refusal.statusCode).toBe(422);
    expect(refusal.json()).toMatchObject({ code: 'validation', fields: { password: expect.any(String) } });
    expect(mismatches).toEqual([]);
    await app.close();
  });
});

describe('the response check', () => {
  it('reports an answer that does not match its route schema and answers 500 instead', async () => {
    const app = Fastify();
    installErrorHandler(app);
    const mismatches: ResponseMismatch[] = [];
    checkResponses(app, (m) => mismatches.push(m));
    route(app, 'config.get', async () => ({ version: 1 }) as never);
    const res = await app.inject({ method: 'GET', url: '/api/config' });
    expect(res.statusCode).toBe(500);
    expect(mismatches.map((m) => [m.route, m.status])).toEqual([['config.get', 200]]);
    expect(mismatches[0]?.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['version', 'mapCenter']));
    await app.close();
  });

  it('fails the test hub at stop() when one of its answers did not match the route schema', async () => {
    const t = await startTestHub({ store: 'sqlite' });
    const token = (await t.login('centralist')).token;
    // An event the protocol does not allow (a negative count), as a bug in a command could store.
    const seq = (await t.fetchEvents(token, 0)).latestSeq + 1;
    await t.hub.store.db
      .insertInto('events')
      .values({ seq, type: 'signals.changed', at: new Date().toISOString(), actor_id: null, report_id: null, payload: JSON.stringify({ count: -1 }) })
      .execute();
    expect((await t.api('GET', `/api/events?after=${seq - 1}`, token)).status).toBe(500);
    await expect(t.stop()).rejects.toThrow(/do not match their route's response schema[\s\S]*events\.list/);
  });
});

/** A JsonStream answer (the open queue's pages on PostgreSQL) as a client gets it, without the tests' response check. */
describe('an answer sent in pieces', () => {
  const page = (rows: string) => `{"fields":[],"rows":${rows},"next":null,"total":0,"seq":0}`;
  async function serve(handler: (answer: JsonStream) => Promise<void>) {
    const app = Fastify();
    installErrorHandler(app);
    // Any route will do without the response check: a public one needs no session.
    route(app, 'config.get', async () => {
      const answer = new JsonStream();
      await handler(answer);
      return answer;
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/config`;
    return { app, url };
  }

  it('arrives whole, in order, as JSON with the status and type of any answer', async () => {
    const { app, url } = await serve(async (answer) => {
      answer.write('{"fields":[],"rows":[');
      setTimeout(() => {
        answer.write(Buffer.from('1,2'));
        answer.write(',3]');
        answer.end(',"next":null,"total":0,"seq":0}');
      }, 20);
    });
    const res = await fetch(url);
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/json; charset=utf-8']);
    expect(await res.text()).toBe(page('[1,2,3]'));
    await app.close();
  });

  it('is cut off when it fails after its first piece: the client gets no whole answer', async () => {
    const { app, url } = await serve(async (answer) => {
      answer.write('{"fields":[],"rows":[1');
      setTimeout(() => answer.fail(new Error('connection lost')), 20);
    });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    await app.close();
  });
});
