import { z } from 'zod';
import { acceptedTotpStep, newTotpSecret, otpauthUrl, qrDataUrl } from '../auth/totp';
import { textMaker } from '../domain/domain-text';
import { USER_TEXTS } from '../domain/user-texts';
import { EntityId } from '../protocol/common';
import { TotpCodeBody, type TotpEnrolment } from '../protocol/users';
import type { UserRow } from '../store/schema';
import { accountOf, clearTotp, confirmTotp, findAccountRow, setPendingTotp, recordTotpStep } from '../store/user-accounts';
import type { HubDeps } from './context';
import { CommandError } from './errors';
import { runCommand, systemCommand, userCommand } from './run-command';

/**
 * The optional second factor (TOTP) of admins and shift leads: enrol (a secret shown once as QR code and text),
 * confirm with a first code (from then on sign-in asks for a code), and an admin's reset for a lost phone.
 */
const say = textMaker(USER_TEXTS);

async function ownRow(trx: Parameters<typeof findAccountRow>[0], id: string): Promise<UserRow> {
  const row = await findAccountRow(trx, id);
  if (!row) throw new CommandError('not_found', say('user.not_found'));
  return row;
}

export const enrolTotp = userCommand({
  name: 'totp.enrol',
  access: 'auth.totp',
  input: z.object({}),
  async apply(tx, _input, user): Promise<TotpEnrolment> {
    const row = await ownRow(tx.trx, user.id);
    // A stolen session must not switch the second factor off by enrolling again: an admin resets it.
    if (row.totp_enabled_at !== null) throw new CommandError('conflict', say('user.totp.already_enabled'));
    const secret = newTotpSecret();
    await setPendingTotp(tx.trx, row.id, secret);
    const url = otpauthUrl(secret, row.username);
    return { secret, otpauthUrl: url, qrDataUrl: qrDataUrl(url) };
  },
});

export const confirmTotpEnrolment = userCommand({
  name: 'totp.confirm',
  access: 'auth.totp',
  input: TotpCodeBody,
  async apply(tx, { code }, user): Promise<{ enabled: boolean }> {
    const row = await ownRow(tx.trx, user.id);
    if (row.totp_enabled_at !== null) throw new CommandError('conflict', say('user.totp.already_enabled'));
    if (!row.totp_secret) throw new CommandError('conflict', say('user.totp.not_enrolled'));
    const step = acceptedTotpStep(row.totp_secret, code, tx.now, null);
    if (step === null) throw new CommandError('validation', say('user.totp.invalid'), { code: say('user.totp.invalid') });
    await confirmTotp(tx.trx, row.id, tx.at, step);
    tx.deps.log.info({ userId: row.id, username: row.username }, 'second factor enabled');
    return { enabled: true };
  },
});

export const resetUserTotp = userCommand({
  name: 'user.totp.reset',
  access: 'users.manage',
  input: z.object({ id: EntityId }),
  async apply(tx, { id }, admin) {
    const row = await ownRow(tx.trx, id);
    await clearTotp(tx.trx, row.id);
    tx.deps.log.info({ userId: row.id, username: row.username, by: admin.username }, 'second factor reset');
    return accountOf(await ownRow(tx.trx, row.id));
  },
});

/** Sign-in's second step: the code's 30-second step is recorded, so the same code does not work twice (on any node). */
const acceptTotpCode = systemCommand({
  name: 'totp.use',
  input: z.object({ userId: EntityId, code: z.string() }),
  async apply(tx, { userId, code }): Promise<boolean> {
    const row = await findAccountRow(tx.trx, userId);
    if (!row?.totp_secret || row.totp_enabled_at === null) return false;
    const step = acceptedTotpStep(row.totp_secret, code, tx.now, row.totp_last_step === null ? null : Number(row.totp_last_step));
    return step !== null && (await recordTotpStep(tx.trx, row.id, step));
  },
});

/**
 * After the password: a user with a second factor needs a valid code too. Null when sign-in may go on; else the
 * refusal (`user.totp.required` when no code came: the console then asks for one; `user.totp.invalid` a wrong code).
 */
export async function secondFactorRefusal(deps: HubDeps, row: UserRow, code: string | undefined): Promise<CommandError | null> {
  if (row.totp_enabled_at === null || !row.totp_secret) return null;
  if (!code) return new CommandError('unauthenticated', say('user.totp.required'));
  if (await runCommand(deps, acceptTotpCode, 'system', { userId: row.id, code })) return null;
  return new CommandError('unauthenticated', say('user.totp.invalid'));
}
