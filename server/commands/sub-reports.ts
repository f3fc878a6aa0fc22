import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { commandText } from '../domain/command-texts';
import type { DomainText } from '../domain/domain-text';
import {
  checkCloseWithParts,
  checkReopenPart,
  checkSplit,
  noCitizenOnPart,
  partTeam,
  partsSummary,
  type SubReportRefusal,
} from '../domain/sub-reports';
import type { Category, Report, ReportStatus } from '../protocol/report';
import type { FeedbackLocale } from '../protocol/resolution';
import { SplitReportCommand, type SplitReportResponse, type SubReportsDetail } from '../protocol/sub-reports';
import { getCategory } from '../store/categories';
import { insertNumberedReport } from '../store/report-create';
import { formatReportNumber, getReport, touchReport } from '../store/reports';
import type { DB } from '../store/schema';
import type { PartsProgress } from '../domain/lifecycle';
import { knownTeams, partLinkOf, partsOf, partsProgressOf, setPartCount } from '../store/sub-reports';
import { alertOnHighPriority } from './alerts';
import { CommandError } from './errors';
import { userCommand } from './run-command';

function refusal(r: SubReportRefusal, field?: string): CommandError {
  return new CommandError(r.kind, r.text, r.kind === 'validation' && field ? { [field]: r.text } : undefined);
}

/**
 * Splits a report into parts for other teams (domain/sub-reports.ts), in one transaction: each part a new report in
 * the queue (`triaged`, its own number, the main report's place, handling deadline and priority unless given), with
 * a `report.created` event; then the main report's part count and a `report.updated` event. Nothing goes to the
 * citizen. Every part is checked before anything is written: one bad part refuses the whole split.
 */
export const splitReport = userCommand({
  name: 'report.split',
  access: 'report.split',
  input: SplitReportCommand,
  log: { message: 'report split into parts', fields: (r: SplitReportResponse) => ({ reportId: r.report.id, parts: r.parts.map((p) => p.number) }) },
  async apply(tx, { reportId, parts, expectedVersion }, user): Promise<SplitReportResponse> {
    const main = await getReport(tx.trx, reportId);
    const link = main && (await partLinkOf(tx.trx, reportId));
    if (!main || !link) throw new CommandError('not_found', commandText('command.report.not_found'));
    if (expectedVersion !== undefined && expectedVersion !== main.version) throw new CommandError('conflict', commandText('command.report.changed'));
    const allowed = checkSplit({ number: main.number, status: main.status, parentNumber: link.parentNumber, partCount: link.partCount }, parts.length);
    if (!allowed.ok) throw refusal(allowed, 'parts');

    const teams = await knownTeams(tx.trx);
    const planned: { category: Category; team: string; description: string; priority: Report['priority'] }[] = [];
    const fieldErrors: Record<string, DomainText> = {};
    for (const [i, part] of parts.entries()) {
      const category = await getCategory(tx.trx, part.category ?? main.category);
      if (!category) {
        fieldErrors[`parts.${i}.category`] = commandText('command.category.unknown');
        continue;
      }
      const team = partTeam(part.team, category.department, teams);
      if (!team.ok) {
        fieldErrors[`parts.${i}.team`] = team.text;
        continue;
      }
      planned.push({ category, team: team.team, description: part.description, priority: part.priority ?? main.priority });
    }
    const firstError = Object.values(fieldErrors)[0];
    if (firstError) throw new CommandError('validation', firstError, fieldErrors);

    const mainNumber = Number(main.number.replace(/^M-/, ''));
    const created: Report[] = [];
    for (const part of planned) {
      const id = randomUUID();
      const { at } = tx;
      const event = await tx.emit(async (seq) => {
        const number = await insertNumberedReport(tx.trx, {
          id,
          category: part.category.code,
          lat: main.lat,
          lng: main.lng,
          address: main.address,
          description: part.description,
          source: main.source,
          priority: part.priority,
          status: 'triaged',
          outcome: null,
          created_by: user.id,
          created_at: at,
          updated_at: at,
          version: seq,
          // A part has no citizen: no status link, no code, never a message.
          citizen_token: null,
          citizen_code: null,
          // The citizen's clock is the main report's: a part is due when it is.
          sla_deadline: main.slaDeadline,
          sla_at_risk_from: main.slaAtRiskFrom ?? null,
          contact_consent: null,
          contact_consent_at: null,
          parent_report_id: main.id,
          parent_number: mainNumber,
          part_team: part.team,
        });
        const report: Report = {
          id,
          number: formatReportNumber(number),
          category: part.category.code,
          lat: main.lat,
          lng: main.lng,
          address: main.address,
          description: part.description,
          source: main.source,
          priority: part.priority,
          status: 'triaged',
          outcome: null,
          hasReporter: false,
          reporterCount: 0,
          followUpDate: null,
          slaDeadline: main.slaDeadline,
          slaAtRiskFrom: main.slaAtRiskFrom ?? null,
          delivery: 'none',
          createdAt: at,
          updatedAt: at,
          version: seq,
          parentNumber: main.number,
        };
        return { type: 'report.created' as const, at, actorId: user.id, report };
      });
      await alertOnHighPriority(tx, event.report, user.id);
      created.push(event.report);
    }

    const updated = await tx.emit(async (seq) => {
      await setPartCount(tx.trx, main.id, link.partCount + created.length);
      await touchReport(tx.trx, main.id, { version: seq, updatedAt: tx.at });
      const report = await getReport(tx.trx, main.id);
      if (!report) throw new Error(`report ${main.id} vanished inside its own transaction`);
      return { type: 'report.updated' as const, at: tx.at, actorId: user.id, report };
    });
    return { report: updated.report, parts: created };
  },
});

/** What parts change about a status change: whether the report is a part (it never talks to the citizen), and the summary of the parts for a main report's closing message. */
export interface PartRules {
  isPart: boolean;
  summary?: string | undefined;
}

/**
 * The rules of parts for a status change of `report` to `to`, read inside the caller's transaction (or for a
 * preview): a main report with open parts is not closed (409 `subreport.open_parts`), a part of a closed main report
 * is not reopened, and a main report's closing message gets the summary of its closed parts.
 */
export async function partRulesForTransition(
  db: Kysely<DB>,
  report: { id: string; number: string; status: ReportStatus },
  to: ReportStatus,
  locale: FeedbackLocale,
): Promise<PartRules> {
  const link = await partLinkOf(db, report.id);
  if (!link) return { isPart: false };
  if (link.parentId) {
    if (to === 'reopen_requested') {
      const parent = await getReport(db, link.parentId);
      const check = parent ? checkReopenPart(report, parent) : { ok: true as const };
      if (!check.ok) throw refusal(check);
    }
    return { isPart: true };
  }
  if (link.partCount === 0 || to !== 'closed') return { isPart: false };
  const parts = await partsOf(db, report.id);
  const check = checkCloseWithParts(report.number, parts);
  if (!check.ok) throw refusal(check);
  const closed = parts.map((p) => {
    const body = p.resolution?.state === 'confirmed' && p.resolution.body.kind === 'close' ? p.resolution.body : undefined;
    return { number: p.number, team: p.team, outcome: p.outcome, action: body?.action.text ?? null, referredTo: body?.referredTo ?? null };
  });
  return { isPart: false, summary: partsSummary(closed, locale) };
}

/** Where a report's parts stand, for the lifecycle's guarded outcomes; undefined for a report that was never split. */
export async function partsProgressFor(db: Kysely<DB>, report: { id: string; partCount?: number | null | undefined }): Promise<PartsProgress | undefined> {
  if (!report.partCount) return undefined;
  return partsProgressOf(db, report.id);
}

/** Refuses a citizen (a linked caller, a message) on a part: they belong to its main report. */
export async function refuseCitizenOnPart(db: Kysely<DB>, report: { id: string; number: string }): Promise<void> {
  const link = await partLinkOf(db, report.id);
  if (link?.parentId) throw refusal(noCitizenOnPart(report, link.parentNumber ?? ''));
}

/** A report's place among parts, for its detail. */
export async function subReportsDetail(db: Kysely<DB>, reportId: string): Promise<SubReportsDetail> {
  const link = await partLinkOf(db, reportId);
  if (!link) return { partOf: null, parts: [] };
  const partOf = link.parentId ? { id: link.parentId, number: link.parentNumber ?? '', team: link.team ?? '' } : null;
  return { partOf, parts: link.partCount > 0 ? await partsOf(db, reportId) : [] };
}
