import type { FeedbackLocale, FeedbackTemplate, FeedbackTrigger, Resolution } from '../protocol/resolution';
import { fillTemplate } from './feedback-placeholders';
import { selectTemplate } from './feedback-selection';
import type { DomainText } from './domain-text';
import { checkSpecific } from './feedback-specific';
import { braces, feedbackText } from './feedback-texts';
import { defaultTemplates } from './feedback-templates';
import { renderHtml } from './feedback-html';
import { type FeedbackContext, placeholderValues } from './feedback-values';

/**
 * A message to the citizen from a template: select it, fill its placeholders, refuse one that is
 * incomplete or does not say what was found and done. The pieces live in feedback-*.ts; callers take
 * them from here.
 */
export { defaultTemplates };
export type { FeedbackLocale, FeedbackTemplate, FeedbackTrigger };
export { escapeHtml, renderHtml } from './feedback-html';
export {
  fillTemplate,
  type FillResult,
  PLACEHOLDERS,
  type PlaceholderName,
  type PlaceholderValues,
  placeholdersIn,
  requiredPlaceholders,
} from './feedback-placeholders';
export { selectTemplate, type TemplateQuery } from './feedback-selection';
export { checkSpecific, type SpecificCheck } from './feedback-specific';
export { type TemplateValidation, validateTemplate } from './feedback-template-check';
export { type FeedbackContext, type FeedbackReport, formatLongDate, placeholderValues } from './feedback-values';

export interface ComposeInput extends FeedbackContext {
  trigger: FeedbackTrigger;
  /** Use this template instead of selecting one. */
  template?: FeedbackTemplate;
  /** Templates to select from; defaults to `defaultTemplates`. */
  templates?: readonly FeedbackTemplate[];
  /** The dispatcher's edit of the preview; may still contain placeholders. */
  edited?: { subject?: string; text?: string };
}

export type ComposeErrorCode = 'no_template' | 'resolution_required' | 'placeholders' | 'not_specific';

export type ComposeResult =
  | { ok: true; templateId: string; subject: string; text: string; html: string }
  | { ok: false; code: ComposeErrorCode; message: string; text: DomainText; missing: string[]; unknown: string[] };

export function composeFeedback(input: ComposeInput): ComposeResult {
  const { trigger, resolution, locale } = input;
  const resolutionError = resolutionMismatch(trigger, resolution);
  if (resolutionError) return refuse('resolution_required', resolutionError);

  const outcome = resolution?.kind === 'close' ? resolution.outcome : undefined;
  const template =
    input.template ??
    selectTemplate(input.templates ?? defaultTemplates, { category: input.report.category, trigger, outcome, locale });
  if (!template) return refuse('no_template', feedbackText('feedback.no_template'));

  const values = placeholderValues(input);
  const subject = fillTemplate(input.edited?.subject ?? template.subject, values);
  const body = fillTemplate(input.edited?.text ?? template.body, values);
  if (!subject.ok || !body.ok) {
    const missing = unique([...(subject.ok ? [] : subject.missing), ...(body.ok ? [] : body.missing)]);
    const unknown = unique([...(subject.ok ? [] : subject.unknown), ...(body.ok ? [] : body.unknown)]);
    return refuse('placeholders', placeholderText(missing, unknown), missing, unknown);
  }

  if (resolution && (trigger === 'closed' || trigger === 'scheduled')) {
    const specific = checkSpecific(body.text, resolution, locale);
    if (!specific.ok) return refuse('not_specific', specific.text, specific.missing);
  }

  // "Foto meesturen": a template (or an edit) without {?fotolink} still carries the photo, as its own last line.
  const photo = input.links.fixPhoto;
  const text = photo && !body.text.includes(photo) ? `${body.text}\n\n${locale === 'nl' ? 'Foto na afhandeling' : 'Photo of the fix'}: ${photo}` : body.text;
  return {
    ok: true,
    templateId: template.id,
    subject: subject.text.replace(/\s*\n\s*/g, ' '),
    text,
    html: renderHtml(text, [input.links.status], photo ? [photo] : []),
  };
}

function resolutionMismatch(trigger: FeedbackTrigger, resolution: Resolution | undefined): DomainText | undefined {
  if (trigger === 'closed' && resolution?.kind !== 'close') return feedbackText('feedback.closing_needs_outcome');
  if (trigger === 'scheduled' && resolution?.kind !== 'schedule') return feedbackText('feedback.scheduling_needs_date');
  return undefined;
}

function placeholderText(missing: string[], unknown: string[]): DomainText {
  if (missing.length === 0) return feedbackText('feedback.placeholders_unknown', { unknown: braces(unknown) });
  if (unknown.length === 0) return feedbackText('feedback.placeholders_missing', { missing: braces(missing) });
  return feedbackText('feedback.placeholders_missing_unknown', { missing: braces(missing), unknown: braces(unknown) });
}

function refuse(code: ComposeErrorCode, text: DomainText, missing: string[] = [], unknown: string[] = []): ComposeResult {
  return { ok: false, code, message: text.message, text, missing, unknown };
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
