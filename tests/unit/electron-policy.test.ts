import { describe, expect, it } from 'vitest';
import {
  ALLOWED_PERMISSIONS,
  appInfoArguments,
  contentSecurityPolicy,
  cspDirectives,
  DEFAULT_EXTERNAL_HOSTS,
  formatCsp,
  hubOrigin,
  isAllowedNavigation,
  isAllowedRequest,
  isPermissionAllowed,
  isTrustedIpcSender,
  mapOriginsFromEnv,
  NOTIFICATION_BODY_MAX,
  NOTIFICATION_TITLE_MAX,
  parseExternalHosts,
  parseNotification,
  readAppInfoArguments,
  windowOpenDecision,
  withCspHeader,
} from '../../electron/policy';

const HUB = 'http://127.0.0.1:4800';

describe('hubOrigin', () => {
  it('normalises http and https URLs to their origin', () => {
    expect(hubOrigin('http://127.0.0.1:4800')).toBe(HUB);
    expect(hubOrigin('http://127.0.0.1:4800/console?x=1#map')).toBe(HUB);
    expect(hubOrigin('  https://Meldkamer.Example.nl:443/ ')).toBe('https://meldkamer.example.nl');
    expect(hubOrigin('http://hub.local:80/')).toBe('http://hub.local');
  });

  it('rejects other schemes, credentials and garbage with a clear message', () => {
    expect(() => hubOrigin('file:///etc/passwd')).toThrow(/only http: and https:/);
    expect(() => hubOrigin('javascript:alert(1)')).toThrow(/only http: and https:/);
    expect(() => hubOrigin('ws://127.0.0.1:4800')).toThrow(/only http: and https:/);
    expect(() => hubOrigin('127.0.0.1:4800')).toThrow(/Invalid hub URL/);
    expect(() => hubOrigin('not a url')).toThrow(/Invalid hub URL "not a url"/);
    expect(() => hubOrigin('')).toThrow(/Invalid hub URL/);
    expect(() => hubOrigin('http://user:pw@127.0.0.1:4800')).toThrow(/credentials/);
  });
});

describe('isAllowedNavigation', () => {
  it('allows any path on the hub origin', () => {
    expect(isAllowedNavigation('http://127.0.0.1:4800/', HUB)).toBe(true);
    expect(isAllowedNavigation('http://127.0.0.1:4800/console/reports/42?tab=history#x', HUB)).toBe(true);
    expect(isAllowedNavigation('http://127.0.0.1:4800', 'http://127.0.0.1:4800/console')).toBe(true);
  });

  it.each([
    ['another origin', 'https://evil.example/'],
    ['another port', 'http://127.0.0.1:4801/'],
    ['https instead of http', 'https://127.0.0.1:4800/'],
    ['localhost instead of 127.0.0.1', 'http://localhost:4800/'],
    ['subdomain trick (port)', 'http://127.0.0.1:4800.evil.com/'],
    ['subdomain trick (host)', 'http://127.0.0.1.evil.com:4800/'],
    ['userinfo trick', 'http://127.0.0.1:4800@evil.com/'],
    ['credentials on the hub', 'http://evil@127.0.0.1:4800/'],
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['blob:', 'blob:http://127.0.0.1:4800/0f6c1b9e-1111-2222-3333-444455556666'],
    ['about:blank', 'about:blank'],
    ['malformed', 'http://'],
    ['empty', ''],
    ['relative', '/console'],
  ])('denies %s', (_name, url) => {
    expect(isAllowedNavigation(url, HUB)).toBe(false);
  });

  it('denies everything when the hub origin itself is not valid', () => {
    expect(isAllowedNavigation('file:///x', 'file:///x')).toBe(false);
    expect(isAllowedNavigation('http://127.0.0.1:4800/', 'garbage')).toBe(false);
  });
});

describe('windowOpenDecision', () => {
  it('never allows an in-app window', () => {
    const urls = [
      'http://127.0.0.1:4800/popup',
      'https://www.openstreetmap.org/directions?to=52.08,4.31',
      'https://evil.example/',
      'javascript:alert(1)',
      'about:blank',
      'not a url',
    ];
    for (const url of urls) {
      expect(windowOpenDecision(url, HUB).action).toBe('deny');
    }
  });

  it('hands https links to allow-listed hosts to the system browser', () => {
    const url = 'https://www.openstreetmap.org/directions?engine=fossgis_osrm_car&route=%3B52.0799%2C4.3113';
    expect(windowOpenDecision(url, HUB)).toEqual({ action: 'deny', openExternally: url });
    expect(windowOpenDecision('https://openstreetmap.org/#map=18/52.08/4.31', HUB).openExternally).toBe(
      'https://openstreetmap.org/#map=18/52.08/4.31',
    );
    expect(DEFAULT_EXTERNAL_HOSTS).toEqual(['openstreetmap.org']);
  });

  it.each([
    ['plain http', 'http://www.openstreetmap.org/'],
    ['look-alike host', 'https://openstreetmap.org.evil.com/'],
    ['suffix look-alike', 'https://evilopenstreetmap.org/'],
    ['credentials', 'https://user@www.openstreetmap.org/'],
    ['explicit port', 'https://www.openstreetmap.org:8443/'],
    ['not allow-listed', 'https://maps.google.com/'],
    ['the hub itself', 'https://127.0.0.1:4800/'],
    ['file:', 'file:///etc/passwd'],
    ['javascript:', 'javascript:alert(1)'],
    ['malformed', 'https://'],
  ])('plainly denies %s', (_name, url) => {
    expect(windowOpenDecision(url, HUB)).toEqual({ action: 'deny' });
  });

  it('uses a configured host list instead of the default', () => {
    expect(windowOpenDecision('https://www.openstreetmap.org/', HUB, []).openExternally).toBeUndefined();
    expect(windowOpenDecision('https://app.pdok.nl/viewer', HUB, ['pdok.nl']).openExternally).toBe(
      'https://app.pdok.nl/viewer',
    );
    expect(windowOpenDecision('https://www.pdok.nl/', HUB, ['*.pdok.nl']).openExternally).toBe('https://www.pdok.nl/');
  });
});

describe('parseExternalHosts', () => {
  it('adds configured hosts to the defaults and drops invalid entries', () => {
    expect(parseExternalHosts(undefined)).toEqual(['openstreetmap.org']);
    expect(parseExternalHosts('')).toEqual(['openstreetmap.org']);
    expect(parseExternalHosts('pdok.nl, Maps.Example.NL  openstreetmap.org,https://x.nl,localhost,*.gemeente.nl')).toEqual([
      'openstreetmap.org',
      'pdok.nl',
      'maps.example.nl',
      '*.gemeente.nl',
    ]);
  });
});

describe('isPermissionAllowed', () => {
  it('allows notifications and fullscreen from the hub only', () => {
    expect(ALLOWED_PERMISSIONS).toEqual(['notifications', 'fullscreen']);
    expect(isPermissionAllowed('notifications', HUB, HUB)).toBe(true);
    expect(isPermissionAllowed('fullscreen', 'http://127.0.0.1:4800/console/map', HUB)).toBe(true);
  });

  it.each([
    'geolocation',
    'media',
    'clipboard-read',
    'openExternal',
    'midiSysex',
    'hid',
    'serial',
    'usb',
    'display-capture',
    'unknown',
    '',
  ])('denies %s even from the hub', (permission) => {
    expect(isPermissionAllowed(permission, HUB, HUB)).toBe(false);
  });

  it.each([
    'https://evil.example',
    'http://127.0.0.1:4801',
    'http://127.0.0.1:4800.evil.com',
    'file:///',
    'null',
    '',
  ])('denies notifications from %s', (origin) => {
    expect(isPermissionAllowed('notifications', origin, HUB)).toBe(false);
  });
});

describe('isTrustedIpcSender', () => {
  it('trusts frames on the hub origin', () => {
    expect(isTrustedIpcSender('http://127.0.0.1:4800/', HUB)).toBe(true);
    expect(isTrustedIpcSender('http://127.0.0.1:4800/console#reports', HUB)).toBe(true);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['empty', ''],
    ['another origin', 'https://evil.example/'],
    ['subdomain trick', 'http://127.0.0.1:4800.evil.com/'],
    ['file:', 'file:///tmp/index.html'],
    ['data:', 'data:text/html,hi'],
    ['about:blank', 'about:blank'],
    ['malformed', '::::'],
  ])('does not trust %s', (_name, url) => {
    expect(isTrustedIpcSender(url, HUB)).toBe(false);
  });
});

describe('contentSecurityPolicy', () => {
  const csp = contentSecurityPolicy(HUB);
  const directives = new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it('contains the required directives', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(directives.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:4800']);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'self'"]);
  });

  it('never allows eval or inline scripts', () => {
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('wasm-unsafe-eval');
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
    expect(csp).not.toMatch(/(^|\s)\*(\s|;|$)/);
  });

  it('uses wss: for an https hub', () => {
    expect(cspDirectives('https://hub.gemeente.nl/console')['connect-src']).toEqual([
      "'self'",
      'wss://hub.gemeente.nl',
    ]);
  });

  it('exports the directives as data for the hub', () => {
    expect(formatCsp(cspDirectives(HUB))).toBe(csp);
    expect(cspDirectives()['connect-src']).toEqual(["'self'"]);
    expect(() => cspDirectives('file:///x')).toThrow(/only http: and https:/);
  });

  it('adds valid https map origins to connect-src and img-src only', () => {
    const withMaps = cspDirectives(HUB, {
      mapOrigins: ['https://service.pdok.nl/brt/achtergrondkaart', 'http://tiles.example', "'unsafe-eval'", '*'],
    });
    expect(withMaps['connect-src']).toEqual(["'self'", 'ws://127.0.0.1:4800', 'https://service.pdok.nl']);
    expect(withMaps['img-src']).toEqual(["'self'", 'data:', 'blob:', 'https://service.pdok.nl']);
    expect(withMaps['script-src']).toEqual(["'self'"]);
  });
});

describe('withCspHeader', () => {
  it('adds the policy and keeps a CSP the server sent', () => {
    const headers = withCspHeader(
      { 'content-type': 'text/html', 'content-security-policy': "default-src 'none'" },
      "default-src 'self'",
    );
    expect(headers['content-type']).toEqual(['text/html']);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Security-Policy']).toEqual(["default-src 'none'", "default-src 'self'"]);
  });

  it('works without response headers', () => {
    expect(withCspHeader(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});

describe('parseNotification', () => {
  it('accepts a title and body and trims them', () => {
    expect(parseNotification({ title: ' Nieuwe melding ', body: 'Overhangende tak, Laan van Meerdervoort 12' })).toEqual({
      title: 'Nieuwe melding',
      body: 'Overhangende tak, Laan van Meerdervoort 12',
    });
    expect(parseNotification({ title: 'Toewijzing', body: '' })).toEqual({ title: 'Toewijzing', body: '' });
    expect(
      parseNotification({ title: 'x'.repeat(NOTIFICATION_TITLE_MAX), body: 'y'.repeat(NOTIFICATION_BODY_MAX) }),
    ).not.toBeNull();
  });

  it.each([
    ['title too long', { title: 'x'.repeat(NOTIFICATION_TITLE_MAX + 1), body: '' }],
    ['body too long', { title: 'x', body: 'y'.repeat(NOTIFICATION_BODY_MAX + 1) }],
    ['empty title', { title: '', body: 'b' }],
    ['blank title', { title: '   ', body: 'b' }],
    ['numeric title', { title: 42, body: 'b' }],
    ['object body', { title: 't', body: { toString: (): string => 'b' } }],
    ['missing body', { title: 't' }],
    ['extra keys', { title: 't', body: 'b', icon: 'file:///etc/passwd' }],
    ['null', null],
    ['undefined', undefined],
    ['a string', 'title'],
    ['an array', ['t', 'b']],
  ])('rejects %s', (_name, payload) => {
    expect(parseNotification(payload)).toBeNull();
  });
});

describe('app info arguments', () => {
  it('round-trips through process.argv for the sandboxed preload', () => {
    const argv = ['/opt/Meldkamer/meldkamer', '--type=renderer', ...appInfoArguments({ version: '0.1.0', hubUrl: HUB })];
    expect(readAppInfoArguments(argv)).toEqual({ version: '0.1.0', hubUrl: HUB });
    expect(readAppInfoArguments([])).toEqual({ version: '', hubUrl: '' });
  });
});

describe('the basemap in the shell: origins from the map settings, and the request allow-list', () => {
  const PDOK_DAY = 'https://api.pdok.nl/kadaster/brt-achtergrondkaart/ogc/v1/styles/standaard__webmercatorquad?f=mapbox';
  const PDOK_NIGHT = 'https://api.pdok.nl/kadaster/brt-achtergrondkaart/ogc/v1/styles/darkmode__webmercatorquad?f=mapbox';

  it('derives the origins from the day and night style URLs and the extra origins, nothing else', () => {
    expect(mapOriginsFromEnv({ MELDKAMER_MAP_STYLE_URL: PDOK_DAY, MELDKAMER_MAP_NIGHT_STYLE_URL: PDOK_NIGHT })).toEqual(['https://api.pdok.nl']);
    expect(
      mapOriginsFromEnv({
        MELDKAMER_MAP_STYLE_URL: 'https://tiles.example.nl/styles/day.json',
        MELDKAMER_MAP_ORIGINS: 'https://glyphs.example.nl, http://evil.example ftp://x https://u:p@creds.example http://127.0.0.1:8080',
      }),
    ).toEqual(['https://tiles.example.nl', 'https://glyphs.example.nl', 'http://127.0.0.1:8080']);
    expect(mapOriginsFromEnv({})).toEqual([]);
  });

  it('puts them in the CSP', () => {
    const csp = contentSecurityPolicy(HUB, { mapOrigins: mapOriginsFromEnv({ MELDKAMER_MAP_STYLE_URL: PDOK_DAY }) });
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:4800 https://api.pdok.nl");
    expect(csp).toContain("img-src 'self' data: blob: https://api.pdok.nl");
  });

  it('lets the window reach the hub, its websocket, the basemap and its own data:/blob: URLs, and nothing else', () => {
    const maps = ['https://api.pdok.nl'];
    expect(isAllowedRequest(`${HUB}/map/style.json?mode=night`, HUB, maps)).toBe(true);
    expect(isAllowedRequest('ws://127.0.0.1:4800/socket.io/?EIO=4&transport=websocket', HUB, maps)).toBe(true);
    expect(isAllowedRequest('https://api.pdok.nl/kadaster/brt-achtergrondkaart/ogc/v1/tiles/WebMercatorQuad/14/5400/8400?f=mvt', HUB, maps)).toBe(true);
    expect(isAllowedRequest('blob:http://127.0.0.1:4800/0c1d', HUB, maps)).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA', HUB, maps)).toBe(true);
    expect(isAllowedRequest('https://tracker.example/pixel.gif', HUB, maps)).toBe(false);
    expect(isAllowedRequest('https://api.pdok.nl.evil.example/x', HUB, maps)).toBe(false);
    expect(isAllowedRequest('http://api.pdok.nl/x', HUB, maps)).toBe(false);
    expect(isAllowedRequest('ws://127.0.0.1:4801/socket.io/', HUB, maps)).toBe(false);
    expect(isAllowedRequest('http://user:pw@127.0.0.1:4800/', HUB, maps)).toBe(false);
    expect(isAllowedRequest('file:///etc/passwd', HUB, maps)).toBe(false);
    expect(isAllowedRequest('https://api.pdok.nl/x', HUB)).toBe(false);
  });
});
