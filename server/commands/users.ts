import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { commonPasswords } from '../auth/common-passwords';
import { hashPassword } from '../auth/password';
import { textMaker } from '../domain/domain-text';
import { passwordProblems } from '../domain/password-policy';
import { USER_TEXTS } from '../domain/user-texts';
import type { Role } from '../protocol/auth';
import { EntityId } from '../protocol/common';
import { NewUserBody, UpdateUserBody, type UserAccount } from '../protocol/users';
import type { DB, UserRow } from '../store/schema';
import { endSessionsOfUser } from '../store/sessions';
import { getUnit } from '../store/units';
import {
  accountOf,
  findAccountRow,
  insertAccount,
  setAccountActive,
  setAccountPassword,
  updateAccount,
  usernameTaken,
} from '../store/user-accounts';
import type { CommandTx } from './run-command';
import { CommandError } from './errors';
import { systemCommand, userCommand } from './run-command';

/**
 * User management (issue 10, point 15), by an admin: create an account (the password policy holds), change its
 * name, role and unit, deactivate and reactivate it, reset its password (a new one, shown once). What ends a
 * user's standing (deactivation, a new password, another role or unit) ends their sessions in the same
 * transaction; the caller passes the ended session ids to `deps.endSessions` after commit, which disconnects
 * their sockets on every node. No events: consoles do not show accounts.
 */
const say = textMaker(USER_TEXTS);

/** What a change of an account answers, and the sessions it ended (for `deps.endSessions`). */
export interface AccountChange {
  account: UserAccount;
  endedSessions: string[];
}

/** Refuses a password that breaks the policy (the first problem as the field's text). */
export function checkPassword(password: string, username: string): void {
  const [problem] = passwordProblems(password, { username, common: commonPasswords() });
  if (problem) throw new CommandError('validation', say('user.password.invalid'), { password: problem });
}

async function accountRow(db: Kysely<DB>, id: string): Promise<UserRow> {
  const row = await findAccountRow(db, id);
  if (!row) throw new CommandError('not_found', say('user.not_found'));
  return row;
}

/** A field user belongs to a unit that exists; other roles have none. */
async function unitFor(db: Kysely<DB>, role: Role, unitId: string | null | undefined): Promise<string | null> {
  if (role !== 'field') return null;
  if (!unitId) throw new CommandError('validation', say('user.unit.required'), { unitId: say('user.unit.required') });
  if (!(await getUnit(db, unitId))) throw new CommandError('validation', say('user.unit.unknown'), { unitId: say('user.unit.unknown') });
  return unitId;
}

type NewAccount = z.output<typeof NewUserBody> & { passwordHash: string };

async function addAccount(tx: CommandTx, input: NewAccount, by: string): Promise<UserAccount> {
  if (await usernameTaken(tx.trx, input.username)) {
    const taken = say('user.username.taken', { username: input.username });
    throw new CommandError('conflict', taken, { username: taken });
  }
  const unitId = await unitFor(tx.trx, input.role, input.unitId);
  const row = await insertAccount(tx.trx, { ...input, unitId, at: tx.at });
  tx.deps.log.info({ userId: row.id, username: row.username, role: row.role, by }, 'user created');
  return accountOf(row);
}

async function preparePassword(input: z.output<typeof NewUserBody>): Promise<NewAccount> {
  checkPassword(input.password, input.username);
  return { ...input, passwordHash: await hashPassword(input.password) };
}

export const createUser = userCommand({
  name: 'user.create',
  access: 'users.manage',
  input: NewUserBody,
  prepare: (_deps, input) => preparePassword(input),
  apply: (tx, input, admin) => addAccount(tx, input, admin.username),
});

/** The first admin of a fresh installation, from the command line (`npm run user:create`): same rules, no caller. */
export const createUserFromCommandLine = systemCommand({
  name: 'user.create.cli',
  input: NewUserBody,
  prepare: (_deps, input) => preparePassword(input),
  apply: (tx, input) => addAccount(tx, input, 'command line'),
});

export const updateUser = userCommand({
  name: 'user.update',
  access: 'users.manage',
  input: z.intersection(UpdateUserBody, z.object({ id: EntityId })),
  async apply(tx, input, admin): Promise<AccountChange> {
    const row = await accountRow(tx.trx, input.id);
    const role = input.role ?? (row.role as Role);
    // An admin changes neither their own role nor their own standing: so there is always an admin left.
    if (role !== row.role && row.id === admin.id) throw new CommandError('forbidden', say('user.self.role'));
    const unitId = await unitFor(tx.trx, role, input.unitId === undefined ? row.unit_id : input.unitId);
    await updateAccount(tx.trx, row.id, { displayName: input.displayName, role, unitId });
    // A session carries the role and unit it signed in with (sockets keep them): another role or unit signs in again.
    const endedSessions = role !== row.role || unitId !== row.unit_id ? await endSessionsOfUser(tx.trx, row.id) : [];
    tx.deps.log.info({ userId: row.id, username: row.username, role, unitId, by: admin.username }, 'user changed');
    return { account: accountOf(await accountRow(tx.trx, row.id)), endedSessions };
  },
});

export const setUserActive = userCommand({
  name: 'user.active',
  access: 'users.manage',
  input: z.object({ id: EntityId, active: z.boolean() }),
  async apply(tx, { id, active }, admin): Promise<AccountChange> {
    const row = await accountRow(tx.trx, id);
    if (!active && row.id === admin.id) throw new CommandError('forbidden', say('user.self.deactivate'));
    await setAccountActive(tx.trx, row.id, active, { at: tx.at, by: admin.id });
    const endedSessions = active ? [] : await endSessionsOfUser(tx.trx, row.id);
    tx.deps.log.info({ userId: row.id, username: row.username, by: admin.username, sessionsEnded: endedSessions.length }, active ? 'user reactivated' : 'user deactivated');
    return { account: accountOf(await accountRow(tx.trx, row.id)), endedSessions };
  },
});

/** A new password nobody chose: 16 characters from 31 that cannot be mistaken for each other (79 bits). */
export function generatedPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return chars.match(/.{4}/g)?.join('-') ?? chars;
}

export const resetUserPassword = userCommand({
  name: 'user.password.reset',
  access: 'users.manage',
  input: z.object({ id: EntityId }),
  async prepare(_deps, { id }) {
    const password = generatedPassword();
    return { id, password, passwordHash: await hashPassword(password) };
  },
  async apply(tx, { id, password, passwordHash }, admin): Promise<AccountChange & { password: string }> {
    const row = await accountRow(tx.trx, id);
    await setAccountPassword(tx.trx, row.id, passwordHash, tx.at);
    const endedSessions = await endSessionsOfUser(tx.trx, row.id);
    tx.deps.log.info({ userId: row.id, username: row.username, by: admin.username, sessionsEnded: endedSessions.length }, 'user password reset');
    return { account: accountOf(await accountRow(tx.trx, row.id)), endedSessions, password };
  },
});
