import type { Kysely } from 'kysely';

/**
 * Alerts keep their text coded (domain/alert-text.ts): `text` holds the DomainText as JSON, so a console
 * says it in its own language. Alerts raised before keep their Dutch message; their text is rebuilt here
 * from the kind, the unit's callsign and the report's number (and, for a new-report alert, the priority
 * its message names). The codes are written out: this migration must not change with the domain.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('alerts').addColumn('text', 'text').execute();
  const rows: StoredAlert[] = await db
    .selectFrom('alerts')
    .leftJoin('units', 'units.id', 'alerts.unit_id')
    .leftJoin('reports', 'reports.id', 'alerts.report_id')
    .select(['alerts.id as id', 'alerts.kind as kind', 'alerts.message as message', 'units.callsign as callsign', 'reports.number as number'])
    .execute();
  for (const row of rows) {
    const text = storedAlertText(row.kind, row.message, row.callsign, row.number === null ? null : `M-${String(row.number).padStart(6, '0')}`);
    if (text) await db.updateTable('alerts').set({ text: JSON.stringify(text) }).where('id', '=', row.id).execute();
  }
}

interface StoredAlert {
  id: string;
  kind: string;
  message: string;
  callsign: string | null;
  number: number | string | null;
}

interface StoredText {
  code: string;
  params: Record<string, string | StoredText>;
  message: string;
}

function storedAlertText(kind: string, message: string, callsign: string | null, number: string | null): StoredText | undefined {
  if (kind === 'high_priority' && number) {
    const urgent = /prioriteit spoed/.test(message);
    const priority = urgent
      ? { code: 'alert.priority.urgent', params: {}, message: 'spoed' }
      : { code: 'alert.priority.high', params: {}, message: 'hoog' };
    return { code: 'alert.high_priority', params: { priority, number }, message };
  }
  if ((kind === 'offer_declined' || kind === 'offer_expired') && callsign && number) {
    return { code: `alert.${kind}`, params: { unit: callsign, number }, message };
  }
  if (kind === 'emergency' && callsign) return { code: 'alert.emergency', params: { unit: callsign }, message };
  return undefined;
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('alerts').dropColumn('text').execute();
}
