import { describe, expect, it } from 'vitest';
import { demoExposureProblem, isLoopbackListenAddress } from '../../server/auth/demo-guard';
import { ConfigError, loadConfig } from '../../server/config';
import { consoleCsp, permissionsPolicy } from '../../server/http/security-headers';
import { isProxyAddress } from '../../server/http/trust-proxy';
import { redactUrl, requestForLog } from '../../server/log-redaction';

describe('redactUrl', () => {
  it('hides status-link tokens and the number + code pair, keeps the rest', () => {
    expect(redactUrl('/status/AbC123_-xyzxyzxyzxyzxyz')).toBe('/status/[verborgen]');
    expect(redactUrl('/status/AbC123_-xyz/antwoord')).toBe('/status/[verborgen]/antwoord');
    expect(redactUrl('/status/AbC123?bedankt=1')).toBe('/status/[verborgen]?bedankt=1');
    expect(redactUrl('/status?nummer=2026-000123&code=K7QX-P2ME')).toBe('/status?nummer=[verborgen]&code=[verborgen]');
    expect(redactUrl('/status?NUMMER=1&Code=x&c%6Fde=y')).toBe('/status?NUMMER=[verborgen]&Code=[verborgen]&c%6Fde=[verborgen]');
    expect(redactUrl('/open311/v2/tokens/abc123.json')).toBe('/open311/v2/tokens/[verborgen].json');
    expect(redactUrl('/open311/v2/tokens/abc123.xml?jurisdiction_id=x')).toBe('/open311/v2/tokens/[verborgen].xml?jurisdiction_id=x');
    expect(redactUrl('/open311/v2/requests.json?service_code=afval&api_key=geheim')).toBe('/open311/v2/requests.json?service_code=afval&api_key=[verborgen]');
    expect(redactUrl('/api/events?after=12')).toBe('/api/events?after=12');
    expect(redactUrl('/status')).toBe('/status');
    expect(redactUrl('/api/reports/abc')).toBe('/api/reports/abc');
  });

  it('is the URL of the request serializer', () => {
    expect(requestForLog({ method: 'GET', url: '/status/geheim', ip: '10.0.0.1', host: 'hub' })).toEqual({
      method: 'GET',
      url: '/status/[verborgen]',
      host: 'hub',
      remoteAddress: '10.0.0.1',
      remotePort: undefined,
    });
  });
});

describe('security headers', () => {
  it('connect-src is the hub itself and the websocket origin of its public URL', () => {
    expect(consoleCsp('https://meldkamer.denhaag.nl/')).toContain("connect-src 'self' wss://meldkamer.denhaag.nl;");
    expect(consoleCsp('http://127.0.0.1:4800')).toContain("connect-src 'self' ws://127.0.0.1:4800;");
    expect(consoleCsp('')).toContain("connect-src 'self';");
    expect(consoleCsp('https://hub.example', ['https://tiles.example'])).toContain("connect-src 'self' wss://hub.example https://tiles.example;");
  });

  it('Permissions-Policy: geolocation only for the field page, camera and microphone never', () => {
    for (const path of ['/', '/index.html', '/status/x', '/api/me', '/fieldwork']) {
      expect(permissionsPolicy(path), path).toContain('geolocation=()');
    }
    for (const path of ['/field', '/field?x=1', '/field.html']) expect(permissionsPolicy(path), path).toContain('geolocation=(self)');
    expect(permissionsPolicy('/field')).toMatch(/camera=\(\), microphone=\(\)/);
  });
});

describe('configuration: trustProxy and the demo guard', () => {
  const base = { host: '127.0.0.1', dataDir: '/tmp/meldkamer-config-test' };

  it('trustProxy: off by default, 1/0, or a list of proxy addresses and ranges', () => {
    expect(loadConfig({}, base).trustProxy).toBe(false);
    expect(loadConfig({ MELDKAMER_TRUST_PROXY: '1' }, base).trustProxy).toBe(true);
    expect(loadConfig({ MELDKAMER_TRUST_PROXY: 'no' }, base).trustProxy).toBe(false);
    expect(loadConfig({ MELDKAMER_TRUST_PROXY: '10.0.0.0/8, 192.168.1.5,loopback' }, base).trustProxy).toEqual(['10.0.0.0/8', '192.168.1.5', 'loopback']);
    expect(loadConfig({}, { ...base, trustProxy: ['fd00::/8'] }).trustProxy).toEqual(['fd00::/8']);
    expect(() => loadConfig({ MELDKAMER_TRUST_PROXY: '10.0.0.0/33' }, base)).toThrow(/MELDKAMER_TRUST_PROXY: .*not 10\.0\.0\.0\/33/);
    expect(() => loadConfig({ MELDKAMER_TRUST_PROXY: 'proxy.example' }, base)).toThrow(ConfigError);
    expect(['127.0.0.1', '::1', '10.1.0.0/16', 'uniquelocal'].every(isProxyAddress)).toBe(true);
    expect(['*', 'a.b', '10.0.0.1/x', '1.2.3.4/8/9'].some(isProxyAddress)).toBe(false);
  });

  it('refuses demo mode on an address other than loopback, unless demoAllowRemote says so', () => {
    expect(() => loadConfig({ MELDKAMER_DEMO: '1', MELDKAMER_HOST: '0.0.0.0' }, { dataDir: base.dataDir })).toThrow(
      /demo \(MELDKAMER_DEMO\): .*loopback.*MELDKAMER_DEMO_ALLOW_REMOTE=1/,
    );
    expect(loadConfig({ MELDKAMER_DEMO: '1', MELDKAMER_HOST: '0.0.0.0', MELDKAMER_DEMO_ALLOW_REMOTE: '1' }, { dataDir: base.dataDir }).demo).toBe(true);
    expect(loadConfig({ MELDKAMER_DEMO: '1', MELDKAMER_HOST: 'localhost' }, { dataDir: base.dataDir }).demo).toBe(true);
    expect(loadConfig({ MELDKAMER_HOST: '0.0.0.0' }, { dataDir: base.dataDir }).host).toBe('0.0.0.0');
    expect(['127.0.0.1', '127.0.1.1', '::1', '[::1]', 'localhost'].every(isLoopbackListenAddress)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.2', 'meldkamer.local'].some(isLoopbackListenAddress)).toBe(false);
    expect(demoExposureProblem({ demo: false, host: '0.0.0.0', demoAllowRemote: false })).toBeNull();
  });

  it('consoleIdleLockMinutes: 15 by default, 0 switches the lock off', () => {
    expect(loadConfig({}, base).consoleIdleLockMinutes).toBe(15);
    expect(loadConfig({ MELDKAMER_CONSOLE_IDLE_LOCK_MINUTES: '0' }, base).consoleIdleLockMinutes).toBe(0);
    expect(() => loadConfig({ MELDKAMER_CONSOLE_IDLE_LOCK_MINUTES: '-1' }, base)).toThrow(/MELDKAMER_CONSOLE_IDLE_LOCK_MINUTES/);
  });
});
