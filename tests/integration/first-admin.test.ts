import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPostgresDatabase, storeKinds, type TestDatabase } from '../support/databases';
import { startTestHub } from '../support/hub';

/** `npm run user:create`'s program, as an operator runs it: the password on standard input, the hub's configuration from the environment. */
function userCreate(env: Record<string, string>, args: string[], password: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/user-create.ts', ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out }));
    child.stdin.end(`${password}\n`);
  });
}

/**
 * Issue 10, point 15: the first admin comes from the command line, not from demo mode; demo users (password =
 * username) exist only in demo mode. On SQLite and PostgreSQL, through the same configuration as the hub.
 */
describe.each(storeKinds)('the first admin and demo users (%s)', (store) => {
  let dataDir: string;
  let database: TestDatabase | undefined;
  let env: Record<string, string>;
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'meldkamer-first-admin-'));
    database = store === 'postgres' ? await createPostgresDatabase() : undefined;
    env = { MELDKAMER_DATA_DIR: dataDir, MELDKAMER_LOG_LEVEL: 'silent', ...(database ? { DATABASE_URL: database.url } : {}) };
  });
  afterEach(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  });

  it('a fresh installation has no users; `user:create` makes the first admin, refusing a weak password', async () => {
    const weak = await userCreate(env, ['--role', 'admin', '--username', 'beheer', '--password-stdin'], 'welkom2026');
    expect(weak.code).toBe(1);
    expect(weak.out).toContain('Het wachtwoord moet minstens 12 tekens lang zijn');
    expect((await userCreate(env, ['--role', 'baas', '--username', 'beheer'], 'x')).code).toBe(2);

    const made = await userCreate(env, ['--role', 'admin', '--username', 'beheer', '--display-name', 'Functioneel beheer', '--password-stdin'], 'Fietsbel-Lange-Voorhout-17');
    expect(made.out).toContain('Created admin beheer');
    expect(made.code).toBe(0);

    const t = await startTestHub({ store, demo: false, dataDir, ...(database ? { database } : {}) });
    try {
      const signedIn = await t.login('beheer', 'Fietsbel-Lange-Voorhout-17');
      expect(signedIn.user).toMatchObject({ role: 'admin', displayName: 'Functioneel beheer' });
      expect((await t.api('POST', '/api/auth/login', undefined, { username: 'admin', password: 'admin' })).status).toBe(401);
    } finally {
      await t.stop();
    }
  }, 90_000); // three CLI processes (each compiles the hub code with tsx) and a hub: slow on 2 loaded cores

  it('demo users work in demo mode only: outside it they are deactivated and signed out, back in demo mode they return', async () => {
    const demo = await startTestHub({ store, demo: true, dataDir, ...(database ? { database } : {}) });
    const session = (await demo.login('chef')).token;
    await demo.stop();

    const live = await startTestHub({ store, demo: false, dataDir, ...(database ? { database } : {}) });
    try {
      for (const name of ['admin', 'chef', 'centralist', 'boa1']) {
        expect((await live.api('POST', '/api/auth/login', undefined, { username: name, password: name })).status, name).toBe(401);
      }
      expect((await live.api('GET', '/api/me', session)).status).toBe(401);
    } finally {
      await live.stop();
    }

    const again = await startTestHub({ store, demo: true, dataDir, ...(database ? { database } : {}) });
    try {
      expect((await again.login('chef')).user.role).toBe('shift_lead');
    } finally {
      await again.stop();
    }
  });
});
