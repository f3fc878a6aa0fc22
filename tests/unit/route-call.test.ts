import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { call, urlFor } from '../../renderer/shared/api/call';
import { ApiRequestError } from '../../renderer/shared/api/client';
import { ROUTES, type RouteName } from '../../server/protocol/routes';
import { aReport } from './renderer-fixtures';

// The console's client reads the page origin; in these tests the hub is http://hub.test.
beforeEach(() => {
  vi.stubGlobal('window', { location: { protocol: 'http:', origin: 'http://hub.test' } });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const REPORT = aReport({ status: 'triaged', version: 2 });

describe('calling routes by name (renderer/shared/api/call.ts)', () => {
  it('builds the URL from the table: path params encoded, the rest as the query', () => {
    expect(urlFor('reports.get', { id: 'a b/c' })).toBe('/api/reports/a%20b%2Fc');
    expect(urlFor('reports.list', { scope: 'open' })).toBe('/api/reports?scope=open');
    expect(urlFor('hotspots.get', { days: 30, by: 'neighbourhood' })).toBe('/api/hotspots?days=30&by=neighbourhood');
    expect(urlFor('tasking.get', {})).toBe('/api/tasking');
    expect(urlFor('outbox.list', { status: undefined })).toBe('/api/outbox');
  });

  it('fills in every path param the table declares', () => {
    for (const name of Object.keys(ROUTES) as RouteName[]) {
      const url = urlFor(name, { id: 'x' } as never);
      expect(url, name).not.toContain(':');
    }
  });

  it('sends the method and JSON body of the route and checks the answer against its schema', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify(REPORT), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    const report = await call('reports.transition', { id: 'r1' }, { to: 'triaged' });
    expect(report.status).toBe('triaged');
    expect(fetch).toHaveBeenCalledWith('http://hub.test/api/reports/r1/transition', expect.objectContaining({ method: 'POST', body: '{"to":"triaged"}' }));

    fetch.mockImplementationOnce(async () => new Response(JSON.stringify({ ...REPORT, status: 'gone' }), { status: 200 }));
    const refused = await call('reports.transition', { id: 'r1' }, { to: 'triaged' }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(ApiRequestError);
    expect((refused as InstanceType<typeof ApiRequestError>).code).toBe('bad_response');
  });
});
