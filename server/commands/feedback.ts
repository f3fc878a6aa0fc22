import type { Kysely } from 'kysely';
import { type ComposeResult, composeFeedback } from '../domain/feedback';
import { explainFocusArea } from '../domain/focus-explanation';
import { slaTermFor } from '../domain/sla';
import { enqueueMessage } from '../store/outbox';
import type { Category, Report } from '../protocol/report';
import type { FeedbackLocale, FeedbackTrigger, Resolution } from '../protocol/resolution';
import { getCategory } from '../store/categories';
import { reportersOf } from '../store/reporters';
import type { DB } from '../store/schema';
import { loadTemplates } from '../store/templates';
import { CommandError } from './errors';
import { focusAreaTextAt } from './focus-explanation';

export interface FeedbackRequest {
  trigger: FeedbackTrigger;
  report: Report;
  citizenToken: string;
  citizenCode: string;
  locale: FeedbackLocale;
  resolution?: Resolution | undefined;
  reply?: string | undefined;
  edited?: { subject?: string | undefined; text?: string | undefined } | undefined;
  slaDeadline?: Date | undefined;
  /** When the message is composed, on the hub clock (which focus areas are active). */
  now: Date;
}

export function statusLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/status/${token}`;
}

/** Composes the citizen message from the stored templates; refuses with the composer's reason. */
export async function composeForReport(db: Kysely<DB>, publicUrl: string, req: FeedbackRequest): Promise<ComposeResult & { ok: true }> {
  const category = await getCategory(db, req.report.category);
  const edited = req.edited && (req.edited.subject || req.edited.text) ? pruneUndefined(req.edited) : undefined;
  // A report inside an active focus area tells the citizen why we enforce extra there ({?aandachtsgebied_uitleg}).
  const focusText = await focusAreaTextAt(db, req.report, req.now);
  const result = composeFeedback({
    trigger: req.trigger,
    locale: req.locale,
    report: { number: req.report.number, category: req.report.category, address: req.report.address },
    ...(category ? { categoryName: req.locale === 'nl' ? category.nameNl : category.nameEn } : {}),
    links: { status: statusLink(publicUrl, req.citizenToken) },
    accessCode: req.citizenCode,
    templates: await loadTemplates(db),
    ...(req.resolution ? { resolution: req.resolution } : {}),
    ...(req.reply ? { reply: req.reply } : {}),
    ...(edited ? { edited } : {}),
    ...(focusText ? { focusAreaExplanation: explainFocusArea(focusText, req.locale) } : {}),
    ...(category ? { sla: slaForMessage(category, req) } : {}),
  });
  if (!result.ok) {
    const field = result.code === 'placeholders' || result.code === 'not_specific' ? 'message.text' : 'message';
    throw new CommandError('validation', result.text, { [field]: result.text });
  }
  return result;
}

/** The handling time the message speaks of: the term the report's priority gave it (hours for urgent/high when sooner). */
function slaForMessage(category: Category, req: FeedbackRequest): { workingDays: number; hours?: number; deadline?: Date } {
  const { term } = slaTermFor(category, req.report.priority, new Date(req.report.createdAt));
  return {
    workingDays: category.slaWorkingDays,
    ...(term.unit === 'hours' ? { hours: term.amount } : {}),
    ...(req.slaDeadline ? { deadline: req.slaDeadline } : {}),
  };
}

function pruneUndefined(edited: { subject?: string | undefined; text?: string | undefined }): { subject?: string; text?: string } {
  return {
    ...(edited.subject ? { subject: edited.subject } : {}),
    ...(edited.text ? { text: edited.text } : {}),
  };
}

/** Queues the composed message for every reporter with contact details, inside the caller's transaction. */
export async function enqueueFeedback(
  trx: Kysely<DB>,
  message: { subject: string; text: string; html: string },
  req: { reportId: string; trigger: FeedbackTrigger; at: string },
): Promise<number> {
  let count = 0;
  for (const reporter of await reportersOf(trx, req.reportId)) {
    const base = { reportId: req.reportId, reporterId: reporter.id, trigger: req.trigger, at: req.at };
    if (reporter.email) {
      await enqueueMessage(trx, {
        ...base,
        channel: 'email',
        recipient: reporter.email,
        subject: message.subject,
        bodyText: message.text,
        bodyHtml: message.html,
      });
      count += 1;
    } else if (reporter.phone) {
      await enqueueMessage(trx, { ...base, channel: 'sms', recipient: reporter.phone, subject: message.subject, bodyText: message.text });
      count += 1;
    }
  }
  return count;
}
