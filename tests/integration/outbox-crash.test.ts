import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { LoginResponse } from '../../server/protocol/auth';
import type { Report } from '../../server/protocol/report';
import { sampleReport } from '../support/hub';
import { freePort, spawnHub, waitHealthy } from '../support/hub-process';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

let child: ChildProcess | undefined;
let smtp: TestSmtp | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  child?.kill('SIGKILL');
  await smtp?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it('a hub killed after commit and before delivery sends the message exactly once after restart', async () => {
  smtp = await startTestSmtp();
  await smtp.down();
  dataDir = mkdtempSync(join(tmpdir(), 'meldkamer-crash-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    MELDKAMER_PORT: String(port),
    MELDKAMER_DATA_DIR: dataDir,
    MELDKAMER_DEMO: '1',
    MELDKAMER_LOG_LEVEL: 'silent',
    MELDKAMER_NODE_ID: 'crash-test-node',
    MELDKAMER_SMTP_HOST: '127.0.0.1',
    MELDKAMER_SMTP_PORT: String(smtp.port),
    MELDKAMER_SMTP_FROM: 'Gemeente <meldingen@gemeente.example>',
    MELDKAMER_OUTBOX_POLL_MS: '100',
  };
  child = spawnHub(env);
  await waitHealthy(url);
  const login = (await (
    await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'centralist', password: 'centralist' }) })
  ).json()) as LoginResponse;
  const res = await fetch(`${url}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
    body: JSON.stringify({ ...sampleReport(), reporter: { email: 'melder@example.nl' }, consent: { contact: true } }),
  });
  expect(res.status).toBe(201);
  const report = (await res.json()) as Report;
  expect(report.delivery).toBe('queued');

  // Acknowledged, not delivered (SMTP is down): kill the hub without any chance to clean up.
  child.kill('SIGKILL');
  await new Promise((r) => child?.once('exit', r));
  await smtp.up();

  child = spawnHub(env);
  await waitHealthy(url);
  const [mail] = await smtp.waitForMessages(1, 20_000);
  expect(mail?.text).toContain(report.number);
  await new Promise((r) => setTimeout(r, 1500));
  expect(smtp.messages).toHaveLength(1);
}, 60_000);
