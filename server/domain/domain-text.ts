import type { DomainText, DomainTextParam } from '../protocol/common';

export type { DomainText, DomainTextParam };

/**
 * Human texts the domain emits. Each domain module keeps a table of Dutch templates keyed by code
 * (`'unit.transition.not_allowed': 'Een eenheid met status "{from}" kan niet naar "{to}".'`) and makes
 * its texts with `textMaker(table)`: the result carries the code, the parameters and the Dutch
 * `message` API clients have always had. Consoles translate code + params from their catalogues.
 *
 * Parameters are strings (names, numbers as typed by a user), numbers (written as is, no grouping),
 * or a nested DomainText for a word that needs translating too (a status, a role, a step).
 */
export type TextTemplates = Readonly<Record<string, string>>;

const PLACEHOLDER = /\{(\w+)\}/g;

/** Fills `{name}` placeholders; a nested text contributes `render(nested)`; unknown names stay. */
export function fillPlaceholders(
  template: string,
  params: Readonly<Record<string, DomainTextParam>>,
  render: (nested: DomainText) => string,
): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'object' ? render(value) : String(value);
  });
}

/** A text's Dutch message from its template (nested texts by their own Dutch message). */
function dutch(template: string, params: Readonly<Record<string, DomainTextParam>>): string {
  return fillPlaceholders(template, params, (nested) => nested.message);
}

/** `say(code, params)` for one module's table: the code is checked against the table at compile time. */
export function textMaker<T extends TextTemplates>(templates: T) {
  return (code: keyof T & string, params: Record<string, DomainTextParam> = {}): DomainText => ({
    code,
    params,
    message: dutch(templates[code] as string, params),
  });
}

/** Every code in a text, nested parameters included (for tests and catalogues). */
export function codesIn(text: DomainText): string[] {
  const nested = Object.values(text.params).flatMap((p) => (typeof p === 'object' ? codesIn(p) : []));
  return [text.code, ...nested];
}

/** The domain's own glue between translated words. */
export const LIST_TEXTS = {
  'list.join': '{head}, {tail}',
} as const;

const sayList = textMaker(LIST_TEXTS);

/** "a, b, c" of translated words: each item stays its own text (nested), so every language joins them alike. */
export function listText(items: readonly [DomainText, ...DomainText[]]): DomainText {
  const [head, ...tail] = items;
  return tail.length === 0 ? head : sayList('list.join', { head, tail: listText(tail as [DomainText, ...DomainText[]]) });
}
