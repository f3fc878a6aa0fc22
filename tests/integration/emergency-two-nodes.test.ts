import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Ack } from '../../server/protocol/common';
import type { Alert } from '../../server/protocol/dispatch';
import type { UnitsResponse } from '../../server/protocol/dispatch-api';
import type { EmergenciesResponse } from '../../server/protocol/emergency';
import type { HubEvent } from '../../server/protocol/events';
import { createPostgresDatabase, storeKinds } from '../support/databases';
import { connectField, createFieldUnits, type FieldClient } from '../support/field-units';
import { startTestHub, until, waitFor } from '../support/hub';

/**
 * Two hub nodes on one PostgreSQL database, and one unit pressing NOODKNOP on both at once (the officer's phone
 * and a second session, or a retry after a lost connection that landed on the other node): one emergency, one
 * alert, one 'noodgeval'. Both presses are answered with that alert (a press is never lost nor refused).
 */
describe.skipIf(!storeKinds.includes('postgres'))('NOODKNOP on two hub nodes at once (PostgreSQL)', () => {
  it('two presses for the same unit on two nodes at once: exactly one emergency and one alert', { timeout: 120_000 }, async () => {
    const database = await createPostgresDatabase();
    const a = await startTestHub({ store: 'postgres', database });
    const b = await startTestHub({ store: 'postgres', database });
    const clients: FieldClient[] = [];
    try {
      const [unit] = await createFieldUnits(a.hub, 1);
      if (!unit) throw new Error('no unit');
      const connect = async (node: typeof a) => {
        const client = connectField(node.hub.url, (await node.login(unit.username, 'veld')).token);
        clients.push(client);
        await new Promise<void>((resolve, reject) => {
          client.once('connect', () => resolve());
          client.once('connect_error', reject);
        });
        return client;
      };
      const [onA, onB] = await Promise.all([connect(a), connect(b)]);
      const token = (await a.login('centralist')).token;
      const desk = b.connectConsole(token);
      const heard: HubEvent[] = [];
      desk.on('event', (e: HubEvent) => heard.push(e));
      await waitFor(desk, 'connect');

      const press = (client: FieldClient) =>
        client.timeout(10_000).emitWithAck('emergency', { commandId: randomUUID() }) as Promise<Ack<Alert>>;
      const [first, second] = await Promise.all([press(onA), press(onB)]);
      expect(first.ok, JSON.stringify(first)).toBe(true);
      expect(second.ok, JSON.stringify(second)).toBe(true);
      const alertOf = (r: Ack<Alert>) => (r.ok ? r.data.id : null);
      expect(alertOf(first)).toBe(alertOf(second));

      const open = (await b.api<EmergenciesResponse>('GET', '/api/emergencies', token)).body.emergencies.filter((e) => e.unitId === unit.unitId);
      expect(open).toHaveLength(1);
      const alerts = (await a.api<{ alerts: Alert[] }>('GET', '/api/alerts', token)).body.alerts.filter(
        (x) => x.kind === 'emergency' && x.unitId === unit.unitId,
      );
      expect(alerts).toHaveLength(1);
      expect(alerts[0]?.id).toBe(open[0]?.alertId);
      const status = (await b.api<UnitsResponse>('GET', '/api/units', token)).body.units.find((u) => u.id === unit.unitId)?.status;
      expect(status).toBe('noodgeval');

      // The console on node b heard one emergency alert, not one per node.
      await until(() => heard.some((e) => e.type === 'alert.raised' && e.alert.kind === 'emergency'), 5000, 'the console hears the alert');
      // Acknowledged on node b: once the console hears that, it has heard every raise committed before it.
      const acked = (await desk.timeout(5000).emitWithAck('emergency:ack', { emergencyId: open[0]?.id ?? '' })) as Ack<unknown>;
      expect(acked.ok, JSON.stringify(acked)).toBe(true);
      await until(() => heard.some((e) => e.type === 'alert.acked' && e.alert.kind === 'emergency'), 5000, 'the console hears the ack');
      expect(heard.filter((e) => e.type === 'alert.raised' && e.alert.kind === 'emergency')).toHaveLength(1);
      desk.disconnect();
    } finally {
      for (const c of clients) c.disconnect();
      await b.stop();
      await a.stop();
      await database.drop();
    }
  });
});
