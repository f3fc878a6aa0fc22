/**
 * A hub refusal in the reader's language. The hub sends its words twice: in Dutch (`message`, `fields`) for
 * API clients, and coded (`text`, `fieldTexts`: server/domain/domain-text.ts) for the consoles; a renderer
 * shows the coded words through its catalogue, and the Dutch only for what came uncoded.
 */
import type { ApiError, DomainText } from '../../../server/protocol/common';

/** Renders a hub text in the reader's language: the console's `useI18n().text`, the field's `useFieldI18n().text`. */
export type RenderText = (text: DomainText) => string;

/** What a refusal carries: an ApiError, or an error made from one (ApiRequestError, the console's HubCommandError). */
export type Refusal = Pick<ApiError, 'message' | 'text' | 'fields' | 'fieldTexts'>;

/** A refusal's message in the reader's language: its coded text when the hub sent one, else its message. */
export function refusalMessage(refusal: Refusal, render: RenderText): string {
  return refusal.text ? render(refusal.text) : refusal.message;
}

/** A refusal's field errors (dot paths) in the reader's language; undefined when it names no field. */
export function refusalFields(refusal: Refusal, render: RenderText): Record<string, string> | undefined {
  if (!refusal.fields && !refusal.fieldTexts) return undefined;
  const fields: Record<string, string> = { ...refusal.fields };
  for (const [key, text] of Object.entries(refusal.fieldTexts ?? {})) fields[key] = render(text);
  return Object.keys(fields).length > 0 ? fields : undefined;
}

/** Any failure as a line to show: a refusal in the reader's language, anything else by its own message. */
export function errorMessage(error: unknown, render: RenderText): string {
  if (isRefusal(error)) return refusalMessage(error, render);
  return String(error);
}

/** The field errors of any failure that is a refusal naming fields, in the reader's language. */
export function errorFields(error: unknown, render: RenderText): Record<string, string> | undefined {
  return isRefusal(error) ? refusalFields(error, render) : undefined;
}

function isRefusal(error: unknown): error is Refusal {
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}
