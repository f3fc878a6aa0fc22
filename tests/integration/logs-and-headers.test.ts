import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../server/protocol/report';
import { citizenAccessOf } from '../../server/store/reports';
import { storeKinds } from '../support/databases';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';
import { logBuffer } from '../support/log-buffer';

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers, redirect: 'manual' });
  await res.arrayBuffer();
  return res;
}

describe.each(storeKinds)('logs and security headers of a real hub (%s)', (store) => {
  describe('request logs', () => {
    let t: TestHub;
    const log = logBuffer();
    beforeAll(async () => {
      t = await startTestHub({ store, logger: log.logger });
    });
    afterAll(async () => {
      await t.stop();
    });

    it('carry no status-link token, no report number + code pair and no password, but do log the requests', async () => {
      const token = (await t.login('centralist')).token;
      const report = (await t.api<Report>('POST', '/api/reports', token, sampleReport())).body;
      const access = await citizenAccessOf(t.hub.store.db, report.id);
      const citizenToken = access?.token ?? '';
      const code = access?.code ?? '';
      expect(citizenToken.length).toBeGreaterThan(20);
      expect(code.length).toBeGreaterThan(3);

      const lookup = await get(`${t.hub.url}/status?nummer=${encodeURIComponent(report.number)}&code=${encodeURIComponent(code)}`);
      expect(lookup.status).toBe(303);
      expect(lookup.headers.get('location')).toBe(`/status/${citizenToken}`);
      expect((await get(`${t.hub.url}/status/${citizenToken}`)).status).toBe(200);
      await fetch(`${t.hub.url}/status/${citizenToken}/antwoord`, { method: 'POST', body: new URLSearchParams({ tevreden: 'ja' }), redirect: 'manual' });
      await get(`${t.hub.url}/open311/v2/tokens/${citizenToken}.json`);
      await get(`${t.hub.url}/status?Nummer=${encodeURIComponent(report.number)}&CODE=${encodeURIComponent(code)}&x=1`);

      const text = log.text();
      expect(text).toContain('"url":"/status/[verborgen]"');
      expect(text).toContain('"url":"/status/[verborgen]/antwoord"');
      expect(text).toContain('"url":"/status?nummer=[verborgen]&code=[verborgen]"');
      expect(text).toContain('"url":"/open311/v2/tokens/[verborgen].json"');
      expect(text).not.toContain(citizenToken);
      expect(text).not.toContain(`code=${code}`);
      expect(text).not.toContain(`CODE=${code}`);
      expect(text).not.toContain(`"${code}"`);
      expect(text).not.toContain(token);
      expect(text).not.toMatch(/"password":"(?!\[verborgen\])/);
      // The login is still logged, with the user's name and not their password.
      expect(text).toMatch(/"user":"centralist"/);
    });
  });

  describe('headers', () => {
    let direct: TestHub;
    let behindProxy: TestHub;
    const proxyLog = logBuffer();
    beforeAll(async () => {
      direct = await startTestHub({ store });
      behindProxy = await startTestHub({
        store,
        logger: proxyLog.logger,
        config: { publicUrl: 'https://meldkamer.denhaag.example', trustProxy: '127.0.0.1' },
      });
    });
    afterAll(async () => {
      await direct.stop();
      await behindProxy.stop();
    });

    it('pin connect-src to the hub’s own origin, switch off unused browser features and allow geolocation on the field page only', async () => {
      const res = await get(`${direct.hub.url}/health`);
      const csp = res.headers.get('content-security-policy') ?? '';
      const connect = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('connect-src'));
      expect(connect).toBe(`connect-src 'self' ${direct.hub.url.replace(/^http/, 'ws')}`);
      expect(csp).not.toMatch(/(^|\s)wss?:(\s|;|$)/);
      const policy = res.headers.get('permissions-policy') ?? '';
      expect(policy).toContain('camera=()');
      expect(policy).toContain('microphone=()');
      expect(policy).toContain('geolocation=()');
      expect((await get(`${direct.hub.url}/field`)).headers.get('permissions-policy')).toContain('geolocation=(self)');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      // Plain http, no proxy: no HSTS (and a client's own X-Forwarded-Proto is not believed).
      expect(res.headers.get('strict-transport-security')).toBeNull();
      expect((await get(`${direct.hub.url}/health`, { 'x-forwarded-proto': 'https' })).headers.get('strict-transport-security')).toBeNull();
    });

    it('behind a TLS proxy: HSTS, wss: of the public URL, and the client address the trusted proxy gives', async () => {
      // The hub listens on loopback; its public URL is the proxy's.
      const local = `http://127.0.0.1:${behindProxy.hub.port}`;
      const res = await get(`${local}/health`, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' });
      expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(res.headers.get('content-security-policy')).toContain("connect-src 'self' wss://meldkamer.denhaag.example;");
      expect(proxyLog.text()).toContain('"remoteAddress":"203.0.113.7"');
    });
  });
});
