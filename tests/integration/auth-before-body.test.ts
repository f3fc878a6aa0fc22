import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../support/databases';
import { startTestHub, type TestHub } from '../support/hub';

const DECLARED_LENGTH = 11 * 1024 * 1024;

/**
 * Declares an 11 MB JSON body but sends only its first 64 KB, then waits for an answer without sending more:
 * only a hub that decides before reading the body can answer at all.
 */
function sendHeadOfLargeBody(url: string, path: string, token?: string): Promise<{ status: number; body: string; sent: number }> {
  const target = new URL(path, url);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': DECLARED_LENGTH };
    if (token) headers.authorization = `Bearer ${token}`;
    const request = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers });
    const head = Buffer.alloc(64 * 1024, ' ');
    head.write('{"csv":"');
    const timer = setTimeout(() => {
      request.destroy();
      reject(new Error('no answer before the body was sent: the hub waits for the body'));
    }, 10_000);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), sent: head.length });
        request.destroy();
      });
    });
    request.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    request.write(head);
  });
}

describe.each(storeKinds)('access is decided before the body is read (%s)', (store) => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ store });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('an unauthenticated 11 MB upload to /api/signals/preview gets 401 while its body is still unsent', async () => {
    const answer = await sendHeadOfLargeBody(t.hub.url, '/api/signals/preview');
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'unauthenticated' });
    expect(answer.sent).toBeLessThan(DECLARED_LENGTH);
  });

  it('a bad token gets 401 and a role without the right 403, both before the body', async () => {
    expect((await sendHeadOfLargeBody(t.hub.url, '/api/signals/import', 'x'.repeat(43))).status).toBe(401);
    const police = (await t.login('politie')).token;
    const refused = await sendHeadOfLargeBody(t.hub.url, '/api/signals/import', police);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'forbidden' });
  });

  it('a signed-in caller with the right still sends the body and gets it read', async () => {
    const token = (await t.login('centralist')).token;
    const res = await t.api<{ valid: number }>('POST', '/api/signals/preview', token, {
      csv: 'tekst,lat,lng\nAfval naast de container,52.07,4.29\n',
      mapping: { text: 'tekst', lat: 'lat', lng: 'lng' },
    });
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(1);
  });
});
