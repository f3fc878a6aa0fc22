import { afterEach, describe, expect, it } from 'vitest';
import { WALLBOARD_NAMESPACE } from '../../server/protocol/overview';
import { CONSOLE_NAMESPACE, FIELD_NAMESPACE } from '../../server/protocol/socket';
import { startTestHub, type TestHub } from '../support/hub';

/**
 * GET /metrics counts the connected Socket.IO clients of every namespace the hub serves (issue 17: "socket connections
 * per namespace"), the wallboards' too: a wall screen that lost its socket is what an operator wants to see.
 */
const TOKEN = 'scrape-token-0123456789abcdef0123456789';
let t: TestHub | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

describe('socket connections per namespace', () => {
  it('lists the console, field and wallboard namespaces', { timeout: 60_000 }, async () => {
    t = await startTestHub({ config: { metricsToken: TOKEN, paperFallbackMinutes: 0 } });
    const res = await fetch(`${t.hub.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const lines = (await res.text()).split('\n').filter((l) => l.startsWith('meldkamer_socket_connections{'));
    const namespaces = lines.map((l) => /namespace="([^"]+)"/.exec(l)?.[1]).sort();
    expect(namespaces).toEqual([CONSOLE_NAMESPACE, FIELD_NAMESPACE, WALLBOARD_NAMESPACE].sort());
    for (const line of lines) expect(line).toMatch(/ 0$/);
  });
});
