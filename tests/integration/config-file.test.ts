import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_NEIGHBOURHOODS_FILE } from '../../server/http/neighbourhoods-config';
import type { NearbyResponse, NeighbourhoodHotspotsResponse } from '../../server/protocol/intake';
import { ACCOUNT_PASSWORD, createAccount } from '../support/accounts';
import { startTestHub, type TestHub } from '../support/hub';

/** The hub takes every setting from the JSON file named by MELDKAMER_CONFIG, intake and neighbourhoods included. */
describe('configuration file', () => {
  let t: TestHub | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('sets the duplicate search, the webhook key and the neighbourhoods of a running hub', async () => {
    dir = mkdtempSync(join(tmpdir(), 'meldkamer-config-file-'));
    const file = join(dir, 'meldkamer.json');
    const key = 'sleutel-uit-het-bestand-0123456789';
    writeFileSync(file, JSON.stringify({ duplicateRadiusMeters: 120, duplicateWeeks: 2, webhookKey: key, neighbourhoodsFile: DEMO_NEIGHBOURHOODS_FILE }));
    // Without demo mode, so neighbourhoods come from the file only (and demo users do not work).
    t = await startTestHub({ store: 'sqlite', demo: false, dataDir: dir, env: { MELDKAMER_CONFIG: file } });
    await createAccount(t.hub, 'centralist', 'dispatcher');
    const desk = (await t.login('centralist', ACCOUNT_PASSWORD)).token;

    const nearby = await t.api<NearbyResponse>('GET', '/api/reports/nearby?category=groen&lat=52.07&lng=4.3', desk);
    expect([nearby.status, nearby.body.radiusMeters, nearby.body.periodDays]).toEqual([200, 120, 14]);

    const post = { text: 'Afval bij de containers', lat: 52.07, lng: 4.3, time: new Date().toISOString(), source: 'x' };
    const webhook = (headers: Record<string, string>) =>
      fetch(`${t?.hub.url}/api/signals/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(post) });
    expect((await webhook({ 'x-meldkamer-webhook-key': key })).status).toBe(201);
    expect((await webhook({ 'x-meldkamer-webhook-key': `${key}x` })).status).toBe(401);

    const hoods = await t.api<NeighbourhoodHotspotsResponse>('GET', '/api/hotspots?days=30&by=neighbourhood', desk);
    expect(hoods.body.configured).toBe(true);
  });
});
