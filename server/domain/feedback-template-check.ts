import { FeedbackTemplate } from '../protocol/resolution';
import type { DomainText } from './domain-text';
import { isPlaceholder, type PlaceholderName, placeholdersIn, requiredPlaceholders } from './feedback-placeholders';
import { braces, feedbackText } from './feedback-texts';

/** A refusal names each field's problem in Dutch (`fields`) and coded (`fieldTexts`, same keys). */
export type TemplateValidation =
  | { ok: true; value: FeedbackTemplate }
  | { ok: false; fields: Record<string, string>; fieldTexts: Record<string, DomainText> };

/** Checks a template an admin submits: shape, outcome rules, unknown and missing placeholders. */
export function validateTemplate(input: unknown): TemplateValidation {
  const parsed = FeedbackTemplate.safeParse(input);
  if (!parsed.success) {
    const texts: Record<string, DomainText> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.') || '_';
      texts[key] ??= feedbackText('template.value_invalid');
    }
    return refused(texts);
  }
  const template = parsed.data;
  const texts: Record<string, DomainText> = {};

  if (template.trigger === 'closed' && !template.outcome) {
    texts.outcome = feedbackText('template.outcome_required');
  } else if (template.trigger !== 'closed' && template.outcome) {
    texts.outcome = feedbackText('template.outcome_closing_only');
  }

  if (template.subject.trim() === '') texts.subject = feedbackText('template.subject_required');
  else if (template.subject.includes('\n')) texts.subject = feedbackText('template.subject_one_line');
  else {
    const unknown = unknownIn(template.subject);
    if (unknown.length > 0) texts.subject = feedbackText('template.placeholder_unknown', { names: braces(unknown) });
  }

  if (template.body.trim() === '') texts.body = feedbackText('template.body_required');
  else {
    const bodyError = bodyProblem(template.body, requiredPlaceholders(template.trigger, template.outcome));
    if (bodyError) texts.body = bodyError;
  }

  return Object.keys(texts).length > 0 ? refused(texts) : { ok: true, value: template };
}

function refused(fieldTexts: Record<string, DomainText>): TemplateValidation {
  const fields = Object.fromEntries(Object.entries(fieldTexts).map(([key, text]) => [key, text.message]));
  return { ok: false, fields, fieldTexts };
}

function bodyProblem(body: string, required: PlaceholderName[]): DomainText | undefined {
  const unknown = unknownIn(body);
  if (unknown.length > 0) return feedbackText('template.placeholder_unknown', { names: braces(unknown) });
  const tokens = placeholdersIn(body);
  const optionalRequired = required.filter((name) => tokens.some((t) => t.name === name && t.optional));
  const absent = required.filter((name) => !tokens.some((t) => t.name === name && !t.optional));
  if (absent.length === 0) return undefined;
  if (optionalRequired.length === 0) return feedbackText('template.placeholders_missing', { names: braces(absent) });
  return feedbackText('template.placeholders_missing_optional', { names: braces(absent), optional: braces(optionalRequired) });
}

function unknownIn(text: string): string[] {
  return unique(placeholdersIn(text).filter((t) => !isPlaceholder(t.name)).map((t) => t.name));
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
