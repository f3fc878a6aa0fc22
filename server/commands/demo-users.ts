import { z } from 'zod';
import demo from '../../resources/demo/demo.json' with { type: 'json' };
import { verifyPassword } from '../auth/password';
import { endSessionsOfUser } from '../store/sessions';
import { hasActiveAdmin, markDemoUsers, restoreDemoUsers, retireDemoUsers } from '../store/user-accounts';
import { findUserByUsername } from '../store/users';
import type { HubDeps } from './context';
import { runCommand, systemCommand } from './run-command';

/**
 * Demo users (password = username) exist only in demo mode (issue 10, point 15). At start-up in demo mode the
 * demo users are marked as such and those the hub switched off are switched on again; outside demo mode every
 * demo user still active is deactivated and signed out: a demo database put into service keeps no open door.
 * A demo user from before the flag existed is recognised by its password still being its name.
 */
const DEMO_LOGINS: readonly { username: string; password: string }[] = demo.users;

const demoMode = systemCommand({
  name: 'users.demo-mode',
  input: z.object({ demo: z.boolean(), usernames: z.array(z.string()) }),
  async apply(tx, { demo: on, usernames }): Promise<{ changed: number; endedSessions: string[] }> {
    await markDemoUsers(tx.trx, usernames);
    if (on) return { changed: await restoreDemoUsers(tx.trx), endedSessions: [] };
    const retired = await retireDemoUsers(tx.trx, tx.at);
    const endedSessions: string[] = [];
    for (const id of retired) endedSessions.push(...(await endSessionsOfUser(tx.trx, id)));
    return { changed: retired.length, endedSessions };
  },
});

export async function applyDemoMode(deps: HubDeps, on: boolean): Promise<void> {
  const usernames: string[] = [];
  for (const login of DEMO_LOGINS) {
    const row = await findUserByUsername(deps.store.db, login.username);
    if (!row) continue;
    // In demo mode the demo names are the demo users; outside it only those whose password is still the demo one.
    if (on || Number(row.demo) === 1 || (await verifyPassword(login.password, row.password_hash))) usernames.push(login.username);
  }
  const { changed, endedSessions } = await runCommand(deps, demoMode, 'system', { demo: on, usernames });
  if (endedSessions.length > 0) deps.endSessions(endedSessions);
  if (changed > 0) deps.log.warn({ demoUsers: changed }, on ? 'demo mode: demo users active again' : 'not in demo mode: demo users deactivated and signed out');
}

/** A fresh installation (no active admin): says how to create the first one. */
export async function adviseFirstAdmin(deps: HubDeps): Promise<void> {
  if (await hasActiveAdmin(deps.store.db)) return;
  deps.log.warn('no active admin: create the first one with `npm run user:create -- --role admin --username NAME` (same configuration as the hub)');
}
