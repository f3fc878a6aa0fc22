import type { Kysely } from 'kysely';
import { type ComposeResult, composeFeedback, escapeHtml, renderHtml } from '../domain/feedback';
import { DEFAULT_MUNICIPALITY, type FeedbackRecipient, greetingName, type Municipality } from '../domain/feedback-values';
import { explainFocusArea } from '../domain/focus-explanation';
import { withPartsSummary } from '../domain/sub-reports';
import { slaTermFor } from '../domain/sla';
import { enqueueMessage } from '../store/outbox';
import type { Category, Report } from '../protocol/report';
import type { FeedbackLocale, FeedbackTrigger, Resolution } from '../protocol/resolution';
import { getCategory } from '../store/categories';
import { type ReporterContactRow, reportersOf } from '../store/reporters';
import type { DB } from '../store/schema';
import { loadTemplates } from '../store/templates';
import { partLinkOf } from '../store/sub-reports';
import { CommandError } from './errors';
import { focusAreaTextAt } from './focus-explanation';
import { messagesLeftToClient } from '../store/open311';

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
  /** "Foto meesturen": the message links the approved photo of the fix ({?fotolink}; the caller checked there is one). */
  fixPhoto?: boolean | undefined;
  /** Whom the composed text greets ({naam}); absent: the report's first reporter with contact details. */
  recipient?: FeedbackRecipient | undefined;
  /** A main report's closing: one sentence per closed part ({?deelmeldingen}, else a paragraph; domain/sub-reports.ts). */
  partsSummary?: string | undefined;
}

export function statusLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/status/${token}`;
}

/** What a message needs from the hub: where status pages live and the municipality it speaks for (settings). */
export interface FeedbackSite {
  publicUrl: string;
  municipality?: Municipality | undefined;
}

/** Stands for the greeting's name ({naam}) in a composed message until it is addressed to one recipient. */
const NAME_SLOT = '\uE000naam\uE000';

type MessageText = { subject: string; text: string; html: string };

/**
 * A composed message: the text for one recipient (the preview's, and the one sent when nobody else follows the
 * report), and `personal`, the same message with the greeting's name left open for each recipient (enqueueFeedback).
 */
export type ComposedFeedback = ComposeResult & { ok: true } & { personal?: PersonalMessage };

type PersonalMessage = MessageText & { locale: FeedbackLocale };

/** The message addressed to one recipient: "Beste mevrouw Jansen," (salutation), "Beste Jan Jansen," (name), else "Beste melder,". */
export function addressTo(message: MessageText, recipient: FeedbackRecipient | undefined, locale: FeedbackLocale): MessageText {
  const name = greetingName(recipient, locale);
  // Functions, so "$&" or "$'" in a typed name or salutation is text, not a replacement pattern.
  return {
    subject: message.subject.replaceAll(NAME_SLOT, () => name),
    text: message.text.replaceAll(NAME_SLOT, () => name),
    html: message.html.replaceAll(NAME_SLOT, () => escapeHtml(name)),
  };
}

/**
 * The dispatcher edits the preview, which greets its first recipient: that name in the greeting line (the first
 * line with text) goes back to {naam}, so every recipient is greeted by their own name. A greeting the dispatcher
 * rewrote to another name is left as typed.
 */
export function reopenGreeting(text: string, previewName: string): string {
  if (text.includes('{naam}') || previewName === '') return text;
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.trim() !== '');
  const line = index >= 0 ? lines[index] : undefined;
  if (line === undefined || !line.includes(previewName)) return text;
  lines[index] = line.replace(previewName, '{naam}');
  return lines.join('\n');
}

/** The reporter a preview greets: the first with contact details (they get messages), else the first. */
async function previewRecipient(db: Kysely<DB>, reportId: string): Promise<ReporterContactRow | undefined> {
  const reporters = await reportersOf(db, reportId);
  return reporters.find((r) => r.email || r.phone) ?? reporters[0];
}

/** Composes the citizen message from the stored templates; refuses with the composer's reason. */
export async function composeForReport(db: Kysely<DB>, hub: FeedbackSite | string, req: FeedbackRequest): Promise<ComposedFeedback> {
  // A bare URL (older callers): the municipality defaults to DEFAULT_MUNICIPALITY; pass the hub's deps instead.
  const site: FeedbackSite = typeof hub === 'string' ? { publicUrl: hub } : hub;
  const { publicUrl } = site;
  const category = await getCategory(db, req.report.category);
  const recipient = req.recipient ?? (await previewRecipient(db, req.report.id));
  const prunedEdit = req.edited && (req.edited.subject || req.edited.text) ? pruneUndefined(req.edited) : undefined;
  const previewName = greetingName(recipient, req.locale);
  const edited = prunedEdit?.text ? { ...prunedEdit, text: reopenGreeting(prunedEdit.text, previewName) } : prunedEdit;
  // A report inside an active focus area tells the citizen why we enforce extra there ({?aandachtsgebied_uitleg}).
  const focusText = await focusAreaTextAt(db, req.report, req.now);
  const result = composeFeedback({
    trigger: req.trigger,
    locale: req.locale,
    report: { number: req.report.number, category: req.report.category, address: req.report.address },
    ...(category ? { categoryName: req.locale === 'nl' ? category.nameNl : category.nameEn } : {}),
    ...(category ? { categoryPhrase: req.locale === 'nl' ? category.phraseNl : category.phraseEn } : {}),
    recipient: { salutation: NAME_SLOT },
    municipality: site.municipality ?? DEFAULT_MUNICIPALITY,
    links: { status: statusLink(publicUrl, req.citizenToken), ...(req.fixPhoto ? { fixPhoto: `${statusLink(publicUrl, req.citizenToken)}/foto` } : {}) },
    accessCode: req.citizenCode,
    templates: await loadTemplates(db),
    ...(req.resolution ? { resolution: req.resolution } : {}),
    ...(req.reply ? { reply: req.reply } : {}),
    ...(edited ? { edited } : {}),
    ...(focusText ? { focusAreaExplanation: explainFocusArea(focusText, req.locale) } : {}),
    ...(category ? { sla: slaForMessage(category, req) } : {}),
    // Where the template places {?deelmeldingen}; a template without it gets the summary as a paragraph (below).
    ...(req.partsSummary ? { partsSummary: req.partsSummary } : {}),
  });
  if (!result.ok) {
    const field = result.code === 'placeholders' || result.code === 'not_specific' ? 'message.text' : 'message';
    throw new CommandError('validation', result.text, { [field]: result.text });
  }
  let personal: MessageText = result;
  if (req.partsSummary) {
    // A template without {?deelmeldingen}: the parts' summary as its own paragraph.
    const text = withPartsSummary(result.text, req.partsSummary, statusLink(publicUrl, req.citizenToken));
    // Rendered as composeFeedback does: the status link as a link, the approved photo of the fix as the image.
    const photo = req.fixPhoto ? [`${statusLink(publicUrl, req.citizenToken)}/foto`] : [];
    if (text !== result.text) personal = { ...result, text, html: renderHtml(text, [statusLink(publicUrl, req.citizenToken)], photo) };
  }
  return { ...result, ...addressTo(personal, recipient, req.locale), personal: { ...personal, locale: req.locale } };
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

/**
 * Queues the composed message for every reporter with contact details, inside the caller's transaction; each is
 * greeted by their own salutation or name (`personal`, composeForReport), else the message goes as it is.
 */
export async function enqueueFeedback(
  trx: Kysely<DB>,
  composed: MessageText & { personal?: PersonalMessage },
  req: { reportId: string; trigger: FeedbackTrigger; at: string },
): Promise<number> {
  // A part (deelmelding) never talks to the citizen: only its main report does (domain/sub-reports.ts).
  if ((await partLinkOf(trx, req.reportId))?.parentId) return 0;
  // A report from an Open311 key whose app tells its users itself (FixMyStreet): the hub sends none (README "Open311").
  if (await messagesLeftToClient(trx, req.reportId)) return 0;
  let count = 0;
  for (const reporter of await reportersOf(trx, req.reportId)) {
    const message = composed.personal ? addressTo(composed.personal, reporter, composed.personal.locale) : composed;
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
