import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ack } from '../../server/protocol/common';
import type { Report } from '../../server/protocol/report';
import { storeKinds } from '../support/databases';
import { connectField, createFieldUnits } from '../support/field-units';
import { sampleReport, startTestHub, type TestHub, until, waitFor } from '../support/hub';
import { logBuffer } from '../support/log-buffer';

const TOKEN = 'scrape-token-0123456789abcdef0123456789';
let t: TestHub | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function scrape(hub: TestHub, token?: string): Promise<{ status: number; text: string; type: string | null }> {
  const res = await fetch(`${hub.hub.url}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

/** The value of one sample line (`name{labels} value`), or undefined. */
function sample(text: string, line: string): number | undefined {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

describe.each(storeKinds)('monitoring a real hub (%s)', (store) => {
  it('GET /health is the readiness check and GET /health/live the liveness check', async () => {
    t = await startTestHub({ store, config: { paperFallbackMinutes: 0 } });
    const live = await t.api<{ status: string }>('GET', '/health/live');
    expect(live).toEqual({ status: 200, body: { status: 'ok' } });
    const ready = await t.api<{ status: string; checks: Record<string, boolean> }>('GET', '/health');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', checks: { database: true, migrations: true, outbox: true }, database: store });

    // A node whose outbox worker stopped gets no traffic: messages to citizens would wait on it.
    await t.hub.outbox.stop();
    const notReady = await t.api<{ status: string; checks: Record<string, boolean> }>('GET', '/health');
    expect(notReady.status).toBe(503);
    expect(notReady.body).toMatchObject({ status: 'unavailable', checks: { database: true, migrations: true, outbox: false } });
    expect((await t.api('GET', '/health/live')).status).toBe(200);
  }, 60_000);

  it('GET /metrics answers a scrape job with the token only, with what an operator alerts on', async () => {
    t = await startTestHub({ store, config: { metricsToken: TOKEN, paperFallbackMinutes: 0 } });
    expect((await scrape(t)).status).toBe(401);
    expect((await scrape(t, `${TOKEN}x`)).status).toBe(401);
    const { token } = await t.login('centralist');
    // A console session's token is no scrape token.
    expect((await scrape(t, token)).status).toBe(401);

    const before = await t.api<{ total: number }>('GET', '/api/reports/queue?limit=1', token);
    const console = t.connectConsole(token);
    await waitFor(console, 'connect');
    const created = await t.api<Report>('POST', '/api/reports', token, sampleReport());
    expect(created.status).toBe(201);

    const { status, text, type } = await scrape(t, TOKEN);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(text, 'meldkamer_http_request_duration_seconds_count{method="POST",route="/api/reports",status="201"}')).toBe(1);
    expect(sample(text, 'meldkamer_events_published_total{type="report.created"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'meldkamer_store_transaction_seconds_count{outcome="commit"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'meldkamer_socket_connections{namespace="/console"}')).toBe(1);
    expect(sample(text, 'meldkamer_socket_connections{namespace="/field"}')).toBe(0);
    const open = text.split('\n').filter((l) => l.startsWith('meldkamer_reports_open{')).reduce((n, l) => n + Number(l.split(' ')[1]), 0);
    if (before.status === 200) expect(open).toBe(before.body.total + 1);
    expect(sample(text, 'meldkamer_reports_open{status="new"}')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^meldkamer_units\{status="beschikbaar"\} \d+$/m);
    expect(sample(text, 'meldkamer_outbox_messages{status="failed"}')).toBe(0);
    expect(sample(text, 'meldkamer_outbox_oldest_queued_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'meldkamer_emergencies_open')).toBe(0);
    expect(sample(text, 'meldkamer_emergency_oldest_unacknowledged_seconds')).toBe(0);
    expect(sample(text, 'meldkamer_offers_expired_total')).toBe(0);
    expect(text).toMatch(/^meldkamer_process_nodejs_eventloop_lag_p99_seconds [\d.e-]+$/m);
    if (store === 'postgres') expect(sample(text, 'meldkamer_pg_pool_clients{state="total"}')).toBeGreaterThanOrEqual(1);
    else expect(text).not.toContain('meldkamer_pg_pool_clients');
    // Route patterns, never ids or personal data.
    expect(text).not.toContain(created.body.id);
    expect(text).not.toContain('Lange Voorhout');
  }, 60_000);

  it('GET /metrics is off (404) when no token is configured', async () => {
    t = await startTestHub({ store, config: { paperFallbackMinutes: 0 } });
    expect((await scrape(t, TOKEN)).status).toBe(404);
  }, 60_000);

  it('writes the open queue to a printable page for when the hub is down, without reporter data', async () => {
    t = await startTestHub({ store, config: { paperFallbackMinutes: 5 } });
    const { token } = await t.login('centralist');
    const report = await t.api<Report>(
      'POST',
      '/api/reports',
      token,
      sampleReport({ priority: 'urgent', reporter: { email: 'jansen@example.nl', name: 'Mevrouw Jansen' }, consent: { contact: true } }),
    );
    const file = join(t.dataDir, 'paper', 'open-meldingen.html');
    // Written at start-up, then every 5 minutes; here once more now that the report is in.
    await until(() => existsSync(file), 10_000, 'the page written at start-up');
    expect(await t.hub.paper.write()).toBe(file);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<html lang="nl">');
    expect(html).toMatch(/Stand van \d{2}-\d{2}-\d{4},? \d{2}:\d{2}: \d+ open/);
    expect(html).toMatch(new RegExp(`<tr class="spoed"><td>${report.body.number}</td><td>SPOED</td><td>Nieuw</td>`));
    expect(html).not.toContain('jansen@example.nl');
    expect(html).not.toContain('Mevrouw Jansen');
  }, 60_000);
});

describe.each(storeKinds.filter((s) => s === 'postgres'))('the clock check (%s)', (store) => {
  it('warns when the hub and the database disagree by more than 2 seconds', async () => {
    const log = logBuffer();
    t = await startTestHub({ store, clock: () => new Date(Date.now() + 5000), logger: log.logger, config: { metricsToken: TOKEN, paperFallbackMinutes: 0 } });
    await until(() => log.text().includes('clock skew'), 10_000, 'the clock skew warning');
    const line = log.text().split('\n').find((l) => l.includes('clock skew')) ?? '';
    expect(JSON.parse(line)).toMatchObject({ level: 40, skewMs: expect.any(Number) });
    expect(Math.abs(JSON.parse(line).skewMs - 5000)).toBeLessThan(1500);
    const skew = sample((await scrape(t, TOKEN)).text, 'meldkamer_clock_skew_seconds');
    expect(skew).toBeGreaterThan(3.5);
  }, 60_000);
});

describe.each(storeKinds)('one request id across HTTP, socket commands and the outbox (%s)', (store) => {
  it('is echoed, carried by every log line of the request, stored with the messages it queues and logged by the outbox worker', async () => {
    const log = logBuffer('debug');
    t = await startTestHub({ store, logger: log.logger, config: { paperFallbackMinutes: 0 } });
    const { token } = await t.login('centralist');
    const res = await fetch(`${t.hub.url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'proxy-7f3a.1' },
      body: JSON.stringify(sampleReport({ reporter: { email: 'melder@example.nl' }, consent: { contact: true } })),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-request-id')).toBe('proxy-7f3a.1');
    const report = (await res.json()) as Report;
    const lines = () => log.lines();
    // The request's own lines (Fastify's) and the outbox worker's attempt at the receipt (no SMTP here: it fails).
    expect(lines().filter((l) => l.reqId === 'proxy-7f3a.1' && l.req).length).toBeGreaterThanOrEqual(1);
    await until(() => lines().some((l) => String(l.msg).startsWith('outbox:') && l.reportId === report.id), 15_000, 'an outbox log line');
    const outboxLine = lines().find((l) => String(l.msg).startsWith('outbox:') && l.reportId === report.id);
    expect(outboxLine?.reqId).toBe('proxy-7f3a.1');

    // A header that is no plain token is not echoed or logged: a new id instead.
    const odd = await fetch(`${t.hub.url}/health/live`, { headers: { 'x-request-id': 'bad id <script>' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    // A socket command runs under an id of its own, on every line it writes, and its ack names it (a refusal's too),
    // so what a user reads off a failed command finds its log lines.
    const console = t.connectConsole(token);
    await waitFor(console, 'connect');
    const ack = await console.emitWithAck('unit:recommend', { reportId: report.id });
    expect(ack.ok).toBe(true);
    expect(ack.requestId).toMatch(/^[0-9a-f-]{36}$/);
    await until(() => lines().some((l) => l.msg === 'socket command'), 5000, 'the socket command line');
    expect(lines().find((l) => l.msg === 'socket command')?.reqId).toBe(ack.requestId);
    const refused = await console.emitWithAck('unit:recommend', { reportId: 'no-such-report' });
    expect(refused.ok).toBe(false);
    expect(refused.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(refused.requestId).not.toBe(ack.requestId);
    await until(() => lines().some((l) => l.msg === 'socket command' && l.reqId === refused.requestId), 5000, 'the refused command line');

    // The field client's acks name theirs too.
    const [unit] = await createFieldUnits(t.hub, 1);
    if (!unit) throw new Error('no unit');
    const field = connectField(t.hub.url, (await t.login(unit.username, 'veld')).token);
    await new Promise((resolve) => field.once('connect', () => resolve(undefined)));
    const state = (await field.timeout(10_000).emitWithAck('field:state', {})) as Ack<unknown>;
    expect(state.ok).toBe(true);
    expect(state.requestId).toMatch(/^[0-9a-f-]{36}$/);
    field.disconnect();
  }, 60_000);
});
