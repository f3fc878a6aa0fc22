import { randomUUID } from 'node:crypto';
import type { Ack } from '../../server/protocol/common';
import type { ReportDetail } from '../../server/protocol/detail';
import type { Assignment } from '../../server/protocol/dispatch';
import type { Report } from '../../server/protocol/report';
import { connectField, createFieldUnits } from './field-units';
import type { TestHub } from './hub';

/**
 * Brings a report to `dispatched` the only way there is: the desk offers it to a unit (a fresh one, with
 * its own field user) and the unit accepts on its field socket. Returns the report as it is then.
 */
export async function dispatchThroughOffer(t: TestHub, deskToken: string, reportId: string): Promise<Report> {
  const [unit] = await createFieldUnits(t.hub, 1);
  if (!unit) throw new Error('no field unit');
  const field = connectField(t.hub.url, (await t.login(unit.username, 'veld')).token);
  try {
    await new Promise((resolve, reject) => {
      field.once('connect', () => resolve(undefined));
      field.once('connect_error', reject);
    });
    const offered = await t.api<{ assignments: Assignment[] }>('POST', '/api/offers', deskToken, {
      commandId: randomUUID(),
      reportId,
      unitIds: [unit.unitId],
    });
    if (offered.status !== 201) throw new Error(`POST /api/offers: ${offered.status} ${JSON.stringify(offered.body)}`);
    const assignmentId = offered.body.assignments[0]?.id ?? '';
    const accepted = (await field.timeout(5000).emitWithAck('offer:accept', { commandId: randomUUID(), assignmentId })) as Ack<Assignment>;
    if (!accepted.ok) throw new Error(`offer:accept: ${accepted.error.message}`);
  } finally {
    field.disconnect();
  }
  const detail = await t.api<ReportDetail>('GET', `/api/reports/${reportId}`, deskToken);
  return detail.body.report;
}
