import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { OPEN311_CLIENT_ROLE } from '../domain/permissions';
import type { ApiKeyInfo } from '../protocol/admin';
import type { User } from '../protocol/auth';
import type { ApiKeyRow, DB } from './schema';
import { rowToUser } from './users';

/** Open311 API keys: one per client app, stored as a SHA-256 hash, revocable. */

const KEY_PREFIX = 'mk311_';
/** Never a valid scrypt hash (server/auth/password): the system user cannot log in, whatever is typed. */
const NO_LOGIN = '!open311-client:no-login';


export interface ApiClient {
  keyId: string;
  clientName: string;
  user: User;
  /** The app asks its users' consent to be contacted; without it their contact fields are not kept. */
  contactConsent: boolean;
  /** false: the app tells its users itself; the hub sends them no messages (store/open311.ts messagesLeftToClient). */
  sendMessages: boolean;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function toInfo(row: ApiKeyRow): ApiKeyInfo {
  return {
    id: row.id,
    clientName: row.client_name,
    keyPrefix: row.key_prefix,
    createdAt: row.created_at,
    createdBy: row.created_by,
    revokedAt: row.revoked_at,
    contactConsent: Number(row.contact_consent) === 1,
    sendMessages: Number(row.send_messages) !== 0,
  };
}

/**
 * Issues a key for a client app, with the system user its reports are created by: role dispatcher (the
 * role that takes reports in), inactive and without a password, so it can never log in or hold a session.
 * Returns the key itself once; only its hash is stored. Call inside a write transaction: user and key come together.
 */
export async function createApiKey(
  trx: Kysely<DB>,
  input: { clientName: string; createdBy: string | null; at: string; contactConsent?: boolean; sendMessages?: boolean },
): Promise<{ info: ApiKeyInfo; key: string }> {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const id = randomUUID();
  const userId = randomUUID();
  const row: ApiKeyRow = {
    id,
    client_name: input.clientName,
    key_hash: hashApiKey(key),
    key_prefix: key.slice(0, KEY_PREFIX.length + 6),
    user_id: userId,
    created_at: input.at,
    created_by: input.createdBy,
    revoked_at: null,
    contact_consent: input.contactConsent ? 1 : 0,
    send_messages: input.sendMessages === false ? 0 : 1,
  };
  await trx
    .insertInto('users')
    .values({
      id: userId,
      username: `open311:${id}`,
      display_name: `Open311: ${input.clientName}`,
      role: OPEN311_CLIENT_ROLE,
      password_hash: NO_LOGIN,
      unit_id: null,
      active: 0,
      created_at: input.at,
    })
    .execute();
  await trx.insertInto('api_keys').values(row).execute();
  return { info: toInfo(row), key };
}

export async function listApiKeys(db: Kysely<DB>): Promise<ApiKeyInfo[]> {
  const rows = await db.selectFrom('api_keys').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(toInfo);
}

/** Revokes a key (idempotent: a revoked key keeps its first revocation time). Undefined for an unknown id. */
export async function revokeApiKey(db: Kysely<DB>, id: string, at: string): Promise<ApiKeyInfo | undefined> {
  await db.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  const row = await db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toInfo(row) : undefined;
}

/**
 * Changes a key's sendMessages setting (also of a revoked key: its reports still in progress follow it). Read when a
 * message is queued (store/open311.ts messagesLeftToClient), so it holds from now on, for new and existing reports.
 * Undefined for an unknown id.
 */
export async function setApiKeySendMessages(db: Kysely<DB>, id: string, sendMessages: boolean): Promise<ApiKeyInfo | undefined> {
  await db.updateTable('api_keys').set({ send_messages: sendMessages ? 1 : 0 }).where('id', '=', id).execute();
  const row = await db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toInfo(row) : undefined;
}

/** The client behind a key that exists and is not revoked. */
export async function findApiClient(db: Kysely<DB>, key: string): Promise<ApiClient | undefined> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return undefined;
  const row = await db
    .selectFrom('api_keys')
    .innerJoin('users', 'users.id', 'api_keys.user_id')
    .selectAll('users')
    .select(['api_keys.id as key_id', 'api_keys.client_name', 'api_keys.contact_consent', 'api_keys.send_messages'])
    .where('api_keys.key_hash', '=', hashApiKey(key))
    .where('api_keys.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const { key_id, client_name, contact_consent, send_messages, ...user } = row;
  return {
    keyId: key_id,
    clientName: client_name,
    user: rowToUser(user),
    contactConsent: Number(contact_consent) === 1,
    sendMessages: Number(send_messages) !== 0,
  };
}
