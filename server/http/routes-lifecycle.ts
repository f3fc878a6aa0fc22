import type { FastifyInstance } from 'fastify';
import type { HubDeps } from '../commands/context';
import { CommandError } from '../commands/errors';
import { previewTransition, transitionReport } from '../commands/lifecycle';
import { runCommand } from '../commands/run-command';
import { partsProgressFor } from '../commands/sub-reports';
import { commandText } from '../domain/command-texts';
import { allowedTransitions, outcomesOf } from '../domain/lifecycle';
import { isAllowed } from '../domain/permissions';
import { reportDetailFor } from '../domain/privacy-view';
import { codesFor } from '../domain/resolution-codes';
import { listOutbox, toMessageView } from '../store/outbox';
import { reportersOf } from '../store/reporters';
import { citizenAccessOf, getReport } from '../store/reports';
import { latestResolution } from '../store/resolutions';
import { withSatisfactionReasons } from '../store/satisfaction-reasons';
import { reportTimeline } from '../store/timeline';
import { route } from './route';

export function registerLifecycleRoutes(app: FastifyInstance, deps: HubDeps): void {
  const { store } = deps;

  route(app, 'reports.get', async ({ params, user }) => {
    const report = await getReport(store.db, params.id);
    if (!report) throw new CommandError('not_found', commandText('command.report.not_found'));
    const [timeline, resolution, messages, reporters, access] = await Promise.all([
      reportTimeline(store.db, report.id, { callerNames: isAllowed('contacts.read', user.role), role: user.role }).then((entries) =>
        withSatisfactionReasons(store.db, report.id, entries),
      ),
      latestResolution(store.db, report.id),
      listOutbox(store.db, { reportId: report.id, limit: 200 }),
      reportersOf(store.db, report.id),
      citizenAccessOf(store.db, report.id),
    ]);
    const codes = codesFor(report.category);
    // A split report's closing outcomes depend on its parts (lifecycle's guarded outcomes).
    const parts = await partsProgressFor(store.db, report);
    const detail = {
      report,
      timeline,
      resolution: resolution ? { state: resolution.state, body: resolution.body, at: resolution.at } : null,
      messages: messages.map(toMessageView),
      reporters: reporters.map(({ name, email, phone }) => ({ name, email, phone })),
      citizenCode: access?.code ?? null,
      transitions: allowedTransitions(report.status, user.role).map((t) => ({
        to: t.to,
        label: t.label,
        requires: t.requires ?? null,
        outcomes: outcomesOf(t, parts),
      })),
      codes: { found: [...codes.found], action: [...codes.action] },
    };
    // Contact details are personal data: masked for the desk until asked for (reports.contacts), hidden for everyone else.
    return reportDetailFor(detail, isAllowed('contacts.read', user.role), { token: access?.token ?? null, code: access?.code ?? null });
  });

  route(app, 'reports.transition', ({ params, body, user }) => runCommand(deps, transitionReport, user, { ...body, reportId: params.id }));

  route(app, 'reports.preview', async ({ params, body, user }) => ({
    preview: await previewTransition(deps, user, { ...body, reportId: params.id }),
  }));
}
