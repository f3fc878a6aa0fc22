import type { FastifyInstance } from 'fastify';
import type { HubDeps } from '../commands/context';
import { CommandError } from '../commands/errors';
import { runCommand } from '../commands/run-command';
import { acknowledgeHandover, saveShiftReport, shiftReportContent, startedShift } from '../commands/shift-report';
import { commandText } from '../domain/command-texts';
import type { KpiTargets } from '../domain/kpi';
import { shiftAt, type ShiftSettings } from '../domain/shifts';
import { inSnapshot } from '../store/events';
import { deriveKpiFacts } from '../store/kpi-facts';
import { getShiftReport, listShiftReports, pendingHandover } from '../store/shift-reports';
import { route } from './route';
import { shiftReportPdf } from './shift-report-pdf';
import { listCategories } from '../store/categories';

/** The shift report (dienstrapport): the draft of a shift, saving it, the saved ones and their PDF, and the handover at sign-in. */
export function registerShiftReportRoutes(app: FastifyInstance, deps: HubDeps, shifts: () => ShiftSettings, targets?: KpiTargets): void {
  const save = saveShiftReport(shifts, targets);
  const settings = () => ({ timeZone: shifts().timeZone, ...(targets ? { targets } : {}) });

  route(app, 'shiftReport.draft', async ({ query }) => {
    const now = deps.clock();
    const which = query.date && query.shift ? { date: query.date, shift: query.shift } : shiftAt(now, shifts());
    const window = startedShift(which.date, which.shift, shifts(), now);
    // The KPI facts of every step so far first (they are written, the snapshot only reads); then one snapshot: the
    // counts, events and open reports agree with each other.
    await deriveKpiFacts(deps.store.db);
    return inSnapshot(deps.store.db, (trx) => shiftReportContent(trx, deps, window, now, settings()));
  });

  route(app, 'shiftReports.list', async ({ query, user }) => ({ reports: await listShiftReports(deps.store.db, user.id, query.limit) }));

  route(app, 'shiftReports.save', async ({ body, user }) => {
    await deriveKpiFacts(deps.store.db);
    return runCommand(deps, save, user, body);
  });

  route(app, 'shiftReports.get', async ({ params }) => {
    const report = await getShiftReport(deps.store.db, params.id);
    if (!report) throw new CommandError('not_found', commandText('command.shift_report.not_found'));
    return report;
  });

  route(app, 'shiftReports.pdf', async ({ params, reply }) => {
    const report = await getShiftReport(deps.store.db, params.id);
    if (!report) throw new CommandError('not_found', commandText('command.shift_report.not_found'));
    const categories = await listCategories(deps.store.db);
    const pdf = await shiftReportPdf(report, new Map(categories.map((c) => [c.code, c.nameNl])), shifts().timeZone);
    reply
      .header('Content-Type', 'application/pdf')
      .header('Cache-Control', 'private, no-store')
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Disposition', `inline; filename="dienstrapport-${report.date}-${report.shift}.pdf"`);
    return pdf;
  });

  route(app, 'handover.get', async ({ user }) => ({ report: await pendingHandover(deps.store.db, user.id) }));

  route(app, 'handover.acknowledge', ({ params, user }) => runCommand(deps, acknowledgeHandover, user, { id: params.id }));
}
