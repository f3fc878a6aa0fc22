import { FeedbackTemplate } from '../protocol/resolution';
import { isPlaceholder, type PlaceholderName, placeholdersIn, requiredPlaceholders } from './feedback-placeholders';

export type TemplateValidation = { ok: true; value: FeedbackTemplate } | { ok: false; fields: Record<string, string> };

/** Checks a template an admin submits: shape, outcome rules, unknown and missing placeholders. */
export function validateTemplate(input: unknown): TemplateValidation {
  const parsed = FeedbackTemplate.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.') || '_';
      fields[key] ??= 'Ongeldige of ontbrekende waarde';
    }
    return { ok: false, fields };
  }
  const template = parsed.data;
  const fields: Record<string, string> = {};

  if (template.trigger === 'closed' && !template.outcome) {
    fields.outcome = 'Kies voor welke uitkomst dit afsluitbericht is';
  } else if (template.trigger !== 'closed' && template.outcome) {
    fields.outcome = 'Alleen afsluitberichten hebben een uitkomst';
  }

  if (template.subject.trim() === '') fields.subject = 'Onderwerp is verplicht';
  else if (template.subject.includes('\n')) fields.subject = 'Het onderwerp moet op één regel staan';
  else {
    const unknown = unknownIn(template.subject);
    if (unknown.length > 0) fields.subject = `Onbekende plaatshouder: ${braces(unknown)}`;
  }

  if (template.body.trim() === '') fields.body = 'Tekst is verplicht';
  else {
    const bodyError = bodyProblem(template.body, requiredPlaceholders(template.trigger, template.outcome));
    if (bodyError) fields.body = bodyError;
  }

  return Object.keys(fields).length > 0 ? { ok: false, fields } : { ok: true, value: template };
}

function bodyProblem(body: string, required: PlaceholderName[]): string | undefined {
  const unknown = unknownIn(body);
  if (unknown.length > 0) return `Onbekende plaatshouder: ${braces(unknown)}`;
  const tokens = placeholdersIn(body);
  const optionalRequired = required.filter((name) => tokens.some((t) => t.name === name && t.optional));
  const absent = required.filter((name) => !tokens.some((t) => t.name === name && !t.optional));
  if (absent.length > 0) {
    const note = optionalRequired.length > 0 ? ` (${braces(optionalRequired)} mag niet optioneel zijn)` : '';
    return `Verplichte plaatshouders ontbreken: ${braces(absent)}${note}`;
  }
  return undefined;
}

function unknownIn(text: string): string[] {
  return unique(placeholdersIn(text).filter((t) => !isPlaceholder(t.name)).map((t) => t.name));
}

function braces(names: readonly string[]): string {
  return names.map((n) => `{${n}}`).join(', ');
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
