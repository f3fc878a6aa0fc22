import type { Kysely } from 'kysely';
import type { ReportContacts } from '../protocol/privacy';
import type { DB } from './schema';

const consentVia = (via: string | null) => (via === 'console' || via === 'open311' ? via : null);

/** A report's contact details whole: its reporters (with their consent) and the recipient of each of its messages. */
export async function reportContacts(db: Kysely<DB>, reportId: string): Promise<ReportContacts> {
  const reporters = await db
    .selectFrom('reporters')
    .select(['name', 'email', 'phone', 'consent_at', 'consent_via'])
    .where('report_id', '=', reportId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const messages = await db
    .selectFrom('outbox')
    .select(['id', 'channel', 'recipient'])
    .where('report_id', '=', reportId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return {
    reporters: reporters.map((r) => ({ name: r.name, email: r.email, phone: r.phone, consentAt: r.consent_at, consentVia: consentVia(r.consent_via) })),
    recipients: messages.map((m) => ({ messageId: m.id, channel: m.channel, recipient: m.recipient || null })),
  };
}
