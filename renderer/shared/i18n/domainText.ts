import { type DomainText, fillPlaceholders } from '../../../server/domain/domain-text';

/** A catalogue's template for a code in the reader's language, or undefined for a code it lacks. */
export type TemplateLookup = (code: string) => string | undefined;

/**
 * A text from the hub in the reader's language: its code's template filled with its parameters, nested
 * texts translated the same way. A code the catalogue lacks (a newer hub) shows the hub's own message.
 */
export function renderDomainText(text: DomainText, lookup: TemplateLookup): string {
  const template = lookup(text.code);
  if (template === undefined) return text.message;
  return fillPlaceholders(template, text.params, (nested) => renderDomainText(nested, lookup));
}
