import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubEvent } from '../../server/protocol/events';
import type { Report } from '../../server/protocol/report';
import { storeKinds } from '../support/databases';
import { sampleReport, startTestHub, type TestHub, until, waitFor } from '../support/hub';

const CREATES = 80;

/**
 * Consoles receive events in `seq` order also when many commands commit at once: on PostgreSQL the cluster
 * adapter's NOTIFY round trips used to finish in any order and reorder the local delivery (hub/ordered-broadcast.ts).
 */
describe.each(storeKinds)('publish order (%s)', (store) => {
  let t: TestHub;
  beforeEach(async () => {
    t = await startTestHub({ store });
  });
  afterEach(async () => {
    await t.stop();
  });

  it('a console gets the events of concurrent creates in seq order, each once', async () => {
    const token = (await t.login('centralist')).token;
    const socket = t.connectConsole(token);
    await waitFor(socket, 'connect');
    const seqs: number[] = [];
    socket.on('event', (event: HubEvent) => seqs.push(event.seq));
    const results = await Promise.all(
      Array.from({ length: CREATES }, (_, i) => t.api<Report>('POST', '/api/reports', token, sampleReport({ description: `Melding ${i}` }))),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const last = Math.max(...results.map((r) => r.body.version));
    await until(() => seqs.includes(last) && seqs.length >= CREATES, 10_000, 'every event at the console');
    const first = seqs[0] ?? 0;
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => first + i));
  });
});
