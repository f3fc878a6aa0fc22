import { z } from 'zod';
import { commandText } from '../domain/command-texts';
import { messageViewFor } from '../domain/privacy-view';
import { EntityId } from '../protocol/common';
import type { OutboxMessageView } from '../protocol/detail';
import type { ReportContacts } from '../protocol/privacy';
import { ROUTES, type RouteName } from '../protocol/routes';
import { recordAccess } from '../store/access-log';
import { reportContacts } from '../store/contacts';
import { listOutbox, toMessageView } from '../store/outbox';
import { getReport } from '../store/reports';
import { CommandError } from './errors';
import { userCommand } from './run-command';

/**
 * Viewing a citizen's contact details is a change: it writes the access log (who, when, which report, which
 * route) in the same transaction that reads what is shown, so every answer with contact details is logged.
 */

/** How a route is named in the access log: `GET /api/reports/:id/contacts`. */
export function routeLabel(name: RouteName): string {
  return `${ROUTES[name].method} ${ROUTES[name].path}`;
}

/** "toon contactgegevens": a report's reporters and recipients, whole. */
export const viewContacts = userCommand({
  name: 'contacts.view',
  access: 'contacts.read',
  input: z.object({ reportId: EntityId }),
  async apply(tx, { reportId }, user): Promise<ReportContacts> {
    if (!(await getReport(tx.trx, reportId))) throw new CommandError('not_found', commandText('command.report.not_found'));
    const contacts = await reportContacts(tx.trx, reportId);
    await recordAccess(tx.trx, [{ userId: user.id, role: user.role, action: 'contacts.view', route: routeLabel('reports.contacts'), reportId, at: tx.at }]);
    return contacts;
  },
});

/** The outbox list with its recipients whole: one access-log row per report whose messages are shown. */
export const viewOutboxContacts = userCommand({
  name: 'outbox.view',
  access: 'contacts.read',
  input: z.object({ status: z.enum(['queued', 'sent', 'failed']).optional(), limit: z.number().int().min(1).max(1000) }),
  async apply(tx, { status, limit }, user): Promise<OutboxMessageView[]> {
    const rows = await listOutbox(tx.trx, { limit, ...(status ? { status } : {}) });
    const reportIds = [...new Set(rows.map((r) => r.report_id))];
    await recordAccess(
      tx.trx,
      reportIds.map((reportId) => ({ userId: user.id, role: user.role, action: 'outbox.view' as const, route: routeLabel('outbox.list'), reportId, at: tx.at })),
    );
    return rows.map((row) => messageViewFor(toMessageView(row), 'contacts', { token: null, code: null }));
  },
});
