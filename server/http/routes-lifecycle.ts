import type { FastifyInstance } from 'fastify';
import type { HubDeps } from '../commands/context';
import { CommandError } from '../commands/errors';
import { previewTransition, transitionReport } from '../commands/lifecycle';
import { allowedTransitions } from '../domain/lifecycle';
import { codesFor } from '../domain/resolution-codes';
import { listOutbox } from '../notify/outbox-store';
import type { OutboxMessageView, ReportDetail } from '../protocol/detail';
import { getReport } from '../store/reports';
import { reportersOf } from '../store/reporters';
import { latestResolution } from '../store/resolutions';
import type { OutboxRow } from '../store/schema';
import { reportTimeline } from '../store/timeline';
import { requireUser } from './access';

export function outboxView(row: OutboxRow): OutboxMessageView {
  return {
    id: row.id,
    reportId: row.report_id,
    trigger: row.trigger,
    channel: row.channel,
    recipient: row.recipient,
    subject: row.subject,
    text: row.body_text,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

const CONTACT_ROLES = new Set(['dispatcher', 'shift_lead', 'admin']);

export function registerLifecycleRoutes(app: FastifyInstance, deps: HubDeps): void {
  const { store } = deps;

  app.get<{ Params: { id: string } }>('/api/reports/:id', { config: { access: 'report.read' } }, async (request): Promise<ReportDetail> => {
    const user = requireUser(request);
    const report = await getReport(store.db, request.params.id);
    if (!report) throw new CommandError('not_found', 'Melding niet gevonden');
    const [timeline, resolution, messages, reporters, access] = await Promise.all([
      reportTimeline(store.db, report.id),
      latestResolution(store.db, report.id),
      listOutbox(store.db, { reportId: report.id, limit: 200 }),
      reportersOf(store.db, report.id),
      store.db.selectFrom('reports').select('citizen_code').where('id', '=', report.id).executeTakeFirst(),
    ]);
    const codes = codesFor(report.category);
    return {
      report,
      timeline,
      resolution: resolution ? { state: resolution.state, body: resolution.body, at: resolution.at } : null,
      messages: messages.map(outboxView),
      // Contact details are personal data: only the desk that calls citizens back sees them.
      reporters: CONTACT_ROLES.has(user.role) ? reporters.map(({ name, email, phone }) => ({ name, email, phone })) : [],
      citizenCode: access?.citizen_code ?? null,
      transitions: allowedTransitions(report.status, user.role).map((t) => ({
        to: t.to,
        label: t.label,
        requires: t.requires ?? null,
        outcomes: [...(t.outcomes ?? [])],
      })),
      codes: { found: [...codes.found], action: [...codes.action] },
    };
  });

  app.post<{ Params: { id: string } }>('/api/reports/:id/transition', { config: { access: 'report.transition' } }, async (request) => {
    const user = requireUser(request);
    return transitionReport(deps, { kind: user.role, id: user.id }, request.params.id, request.body);
  });

  app.post<{ Params: { id: string } }>('/api/reports/:id/preview', { config: { access: 'report.transition' } }, async (request) => {
    const user = requireUser(request);
    return { preview: await previewTransition(deps, { kind: user.role, id: user.id }, request.params.id, request.body) };
  });
}
