import { runCommand } from '../../server/commands/run-command';
import { createUserFromCommandLine } from '../../server/commands/users';
import type { Role } from '../../server/protocol/auth';
import type { UserAccount } from '../../server/protocol/users';
import type { Hub } from '../../server/start-hub';

/** A password the policy takes (server/domain/password-policy.ts). */
export const ACCOUNT_PASSWORD = 'Fietsbel-Lange-Voorhout-17';

/**
 * An account on a hub without demo mode (demo users work only in demo mode), made as `npm run user:create`
 * makes one; sign in with `t.login(username, ACCOUNT_PASSWORD)`.
 */
export function createAccount(hub: Hub, username: string, role: Role, unitId: string | null = null): Promise<UserAccount> {
  return runCommand(hub.deps, createUserFromCommandLine, 'system', { username, displayName: username, role, unitId, password: ACCOUNT_PASSWORD });
}
