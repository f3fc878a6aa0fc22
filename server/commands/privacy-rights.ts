import { createHash } from 'node:crypto';
import { maskedSubject, type PrivacySubject, privacySubject, subjectKey } from '../domain/privacy-subject';
import type { User } from '../protocol/auth';
import { type PrivacyErased, type PrivacyExport, type PrivacyFindings, PrivacyRequest } from '../protocol/privacy';
import type { RouteName } from '../protocol/routes';
import { type AccessRecord, recordAccess } from '../store/access-log';
import type { AccessAction } from '../protocol/privacy';
import { toMessageView } from '../store/outbox';
import { citizenResponsesOf, eraseSubject, findSubject, open311ExtrasOf, type SubjectData } from '../store/privacy';
import { getReport, touchReport } from '../store/reports';
import type { Report } from '../protocol/report';
import { routeLabel } from './contacts-view';
import { type CommandTx, userCommand } from './run-command';

/**
 * A citizen's rights, for the privacy officer: everything about one e-mail address or phone number (inzage),
 * as a file (export), and its erasure (the reports stay, anonymised). Every use is logged with its reason.
 */

function hashOf(subject: PrivacySubject): string {
  return createHash('sha256').update(subjectKey(subject)).digest('hex');
}

/** One access-log row per report concerned (one without a report when nothing was found). */
async function logUse(tx: CommandTx, user: User, action: AccessAction, route: RouteName, subject: PrivacySubject, reason: string, reportIds: readonly string[]) {
  const base: Omit<AccessRecord, 'reportId'> = {
    userId: user.id,
    role: user.role,
    action,
    route: routeLabel(route),
    subject: maskedSubject(subject),
    subjectHash: hashOf(subject),
    reason,
    at: tx.at,
  };
  await recordAccess(tx.trx, reportIds.length > 0 ? reportIds.map((reportId) => ({ ...base, reportId })) : [{ ...base, reportId: null }]);
}

async function findingsOf(tx: CommandTx, data: SubjectData): Promise<PrivacyFindings> {
  const reports: Report[] = [];
  for (const id of data.reportIds) {
    const report = await getReport(tx.trx, id);
    if (report) reports.push(report);
  }
  return {
    reports,
    reporters: data.reporters.map((r) => ({
      reportId: r.reportId,
      name: r.name,
      email: r.email,
      phone: r.phone,
      consentAt: r.consentAt,
      consentVia: r.consentVia === 'console' || r.consentVia === 'open311' ? r.consentVia : null,
      createdAt: r.createdAt,
    })),
    messages: data.messages.map(toMessageView),
    responses: await citizenResponsesOf(tx.trx, data.reportIds),
    open311: await open311ExtrasOf(tx.trx, data.reportIds),
  };
}

/** Inzage: what the hub keeps about the citizen. */
export const privacySearch = userCommand({
  name: 'privacy.search',
  access: 'privacy.search',
  input: PrivacyRequest,
  async apply(tx, request, user): Promise<PrivacyFindings> {
    const subject = privacySubject(request);
    const data = await findSubject(tx.trx, subject);
    await logUse(tx, user, 'privacy.search', 'privacy.search', subject, request.reason, data.reportIds);
    return findingsOf(tx, data);
  },
});

/** The same, as the file the citizen gets. */
export const privacyExport = userCommand({
  name: 'privacy.export',
  access: 'privacy.search',
  input: PrivacyRequest,
  async apply(tx, request, user): Promise<PrivacyExport> {
    const subject = privacySubject(request);
    const data = await findSubject(tx.trx, subject);
    await logUse(tx, user, 'privacy.export', 'privacy.export', subject, request.reason, data.reportIds);
    return {
      exportedAt: tx.at,
      exportedBy: user.displayName,
      subject,
      reason: request.reason,
      ...(await findingsOf(tx, data)),
    };
  },
});

/**
 * Erasure: the citizen's contact details, messages and comments go; the reports stay for statistics. Each
 * report concerned gets a `report.updated` event (its snapshot, no personal data) so consoles reload it.
 */
export const privacyErase = userCommand({
  name: 'privacy.erase',
  access: 'privacy.erase',
  input: PrivacyRequest,
  async apply(tx, request, user): Promise<PrivacyErased> {
    const subject = privacySubject(request);
    const data = await findSubject(tx.trx, subject);
    const counts = await eraseSubject(tx.trx, subject, data);
    await logUse(tx, user, 'privacy.erase', 'privacy.erase', subject, request.reason, data.reportIds);
    for (const reportId of data.reportIds) {
      await tx.emit(async (seq) => {
        await touchReport(tx.trx, reportId, { version: seq });
        const report = await getReport(tx.trx, reportId);
        if (!report) throw new Error(`report ${reportId} vanished inside its own transaction`);
        return { type: 'report.updated' as const, at: tx.at, actorId: user.id, report };
      });
    }
    return counts;
  },
});
