import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Health } from '../../server/protocol/api';
import { storeKinds } from '../support/databases';
import { startTestHub, type TestHub } from '../support/hub';

let t: TestHub | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

describe.each(storeKinds)('readiness of a running node on a database a newer release contracted (%s)', (store) => {
  it('GET /health says 503 (migrations) while the database records a release newer than the node, and ok again after', async () => {
    t = await startTestHub({ store, config: { paperFallbackMinutes: 0 } });
    expect((await t.api<Health>('GET', '/health')).status).toBe(200);

    // A newer release skipped to (README "Upgrading") contracted the schema past this node while it runs.
    await sql`insert into schema_compat (migration, oldest_version, recorded_at) values ('9999_contracted', '99.0.0', '2030-01-01')`.execute(t.hub.store.db);
    const contracted = await t.api<Health>('GET', '/health');
    expect(contracted.status).toBe(503);
    expect(contracted.body).toMatchObject({ status: 'unavailable', checks: { database: true, migrations: false, outbox: true } });

    await sql`delete from schema_compat where migration = '9999_contracted'`.execute(t.hub.store.db);
    expect((await t.api<Health>('GET', '/health')).status).toBe(200);
  }, 60_000);
});
