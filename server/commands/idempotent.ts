import type { Kysely } from 'kysely';
import type { User } from '../protocol/auth';
import type { HubEvent } from '../protocol/events';
import { previousResult, recordResult } from '../store/command-log';
import type { DB } from '../store/schema';
import type { HubDeps } from './context';

/**
 * Runs a command once per command id: a retry (lost ack, offline replay) gets the stored result and
 * changes nothing. The result, the change and its events commit together; events publish after commit.
 */
export async function runIdempotent<T>(
  deps: HubDeps,
  user: User,
  commandId: string,
  name: string,
  apply: (trx: Kysely<DB>) => Promise<{ result: T; events: HubEvent[] }>,
): Promise<T> {
  const earlier = await previousResult(deps.store.db, commandId, user.id);
  if (earlier !== undefined) return earlier as T;
  const outcome = await deps.store.writeTransaction(async (trx) => {
    const again = await previousResult(trx, commandId, user.id);
    if (again !== undefined) return { result: again as T, events: [] };
    const applied = await apply(trx);
    await recordResult(trx, commandId, user.id, name, applied.result, deps.clock().toISOString());
    return applied;
  });
  for (const event of outcome.events) deps.publisher.publish(event);
  return outcome.result;
}
