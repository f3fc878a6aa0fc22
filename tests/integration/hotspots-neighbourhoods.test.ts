import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HotspotsResponse, NeighbourhoodHotspotsResponse } from '../../server/protocol/intake';
import type { Report } from '../../server/protocol/report';
import { ACCOUNT_PASSWORD, createAccount } from '../support/accounts';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

type Configured = Extract<NeighbourhoodHotspotsResponse, { configured: true }>;

// Inside the demo file's "Laak" (DH08: lat 52.04-52.065, lng 4.305-4.34) and outside every demo neighbourhood.
const LAAK = { lat: 52.052, lng: 4.325 };
const YPENBURG = { lat: 52.043, lng: 4.372 };

describe('hotspots per neighbourhood (SQLite)', () => {
  let t: TestHub | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  it('demo mode: counts new reports in the demo neighbourhood, keeps outside ones apart, ranks by count', async () => {
    t = await startTestHub({ demo: true, store: 'sqlite' });
    const token = (await t.login('centralist')).token;
    const get = async () => {
      const res = await t!.api<Configured>('GET', '/api/hotspots?days=30&by=neighbourhood', token);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.configured).toBe(true);
      return res.body;
    };
    const before = await get();
    const laakBefore = before.cells.find((c) => c.cell === 'DH08');

    for (let i = 0; i < 3; i += 1) {
      const res = await t.api<Report>('POST', '/api/reports', token, sampleReport({ location: { lat: LAAK.lat + i * 1e-4, lng: LAAK.lng }, description: `Afval ${i}` }));
      expect(res.status).toBe(201);
    }
    const outside = await t.api<Report>('POST', '/api/reports', token, sampleReport({ location: YPENBURG, description: 'Buiten de wijken' }));
    expect(outside.status).toBe(201);

    const after = await get();
    const laak = after.cells.find((c) => c.cell === 'DH08');
    expect(laak).toMatchObject({ name: 'Laak', count: (laakBefore?.count ?? 0) + 3, reports: (laakBefore?.reports ?? 0) + 3 });
    expect(laak?.boundary[0]).toEqual(laak?.boundary.at(-1));
    expect(laak?.boundaries).toHaveLength(1);
    expect(after.totals.count).toBe(before.totals.count + 3);
    expect(after.totals.outside.count).toBe(before.totals.outside.count + 1);
    const counts = after.cells.map((c) => c.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));

    // The H3 answer says neighbourhoods are available; same access as the H3 route.
    const h3 = await t.api<HotspotsResponse>('GET', '/api/hotspots?days=30&resolution=8', token);
    expect(h3.body.neighbourhoods).toBe(true);
    expect((await t.api('GET', '/api/hotspots?by=neighbourhood')).status).toBe(401);
    expect((await t.api('GET', '/api/hotspots?by=wijk', token)).status).toBe(422);
  });

  it('not demo and not configured: { configured: false }', async () => {
    // Without demo mode (demo users work only in demo mode): an account made as `npm run user:create` does.
    const dir = mkdtempSync(join(tmpdir(), 'meldkamer-hoods-'));
    try {
      t = await startTestHub({ demo: false, store: 'sqlite', dataDir: dir });
      await createAccount(t.hub, 'centralist', 'dispatcher');
      const token = (await t.login('centralist', ACCOUNT_PASSWORD)).token;
      const res = await t.api('GET', '/api/hotspots?days=30&by=neighbourhood', token);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ configured: false });
      const h3 = await t.api<HotspotsResponse>('GET', '/api/hotspots?days=30', token);
      expect(h3.body.neighbourhoods).toBe(false);
      await t.stop();
      t = undefined;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a bad neighbourhoods file (MELDKAMER_NEIGHBOURHOODS_FILE) stops start-up, naming the setting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meldkamer-hoods-'));
    try {
      const file = join(dir, 'wijken.geojson');
      writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [] } }] }));
      await expect(startTestHub({ demo: true, store: 'sqlite', dataDir: dir, env: { MELDKAMER_NEIGHBOURHOODS_FILE: file } })).rejects.toThrow(/MELDKAMER_NEIGHBOURHOODS_FILE/);
      await expect(startTestHub({ demo: true, store: 'sqlite', dataDir: dir, config: { neighbourhoodsFile: file } })).rejects.toThrow(/neighbourhoodsFile/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
