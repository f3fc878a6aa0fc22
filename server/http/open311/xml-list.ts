/**
 * The XML of a list of flat entries (`<service_requests><request>…`), written as one string: the same text
 * fast-xml-parser's builder writes for them in render.ts (tests/unit/open311-xml-list.test.ts compares the two), without
 * the builder's copy of every entry and its per-value work. The status poll answers 20,000 requests in one document.
 * Two-space indentation, `<name/>` for null, an undefined value left out, & < > " ' as entities, and the characters
 * XML 1.0 cannot carry dropped.
 */

// XML 1.0 cannot carry most control characters, not even escaped: drop them (this is not escaping;
// the builder escapes &, <, >, quotes).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the characters XML 1.0 forbids is the point
export const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The tags of one element name at one depth, written once per list (every entry has the same names). */
interface Tags {
  open: string;
  close: string;
  empty: string;
}

/** `undefined` when an entry holds what this writer does not write (a list, an empty or deeper nested element). */
export function xmlList(root: string, child: string, entries: readonly object[]): string | undefined {
  if (entries.length === 0) return `<${root}></${root}>\n`;
  const outer = new Map<string, Tags>();
  const inner = new Map<string, Tags>();
  let out = `<${root}>\n`;
  for (const entry of entries) {
    out += `  <${child}>\n`;
    const fields = entry as Record<string, unknown>;
    for (const name in fields) {
      const value = fields[name];
      if (value === undefined) continue;
      const tags = tagsOf(outer, name, '    ');
      if (value === null) out += tags.empty;
      else if (typeof value !== 'object') out += tags.open + escapeText(String(value)) + tags.close;
      else {
        const nested = nestedElements(inner, value);
        if (nested === undefined) return undefined;
        out += `${tags.open}\n${nested}    </${name}>\n`;
      }
    }
    out += `  </${child}>\n`;
  }
  return `${out}</${root}>\n`;
}

/** An element's children, one level deeper; undefined for a list, an empty element or deeper nesting. */
function nestedElements(tags: Map<string, Tags>, value: object): string | undefined {
  if (Array.isArray(value)) return undefined;
  let out = '';
  const fields = value as Record<string, unknown>;
  for (const name in fields) {
    const inner = fields[name];
    if (inner === undefined) continue;
    if (inner !== null && typeof inner === 'object') return undefined;
    const t = tagsOf(tags, name, '      ');
    out += inner === null ? t.empty : t.open + escapeText(String(inner)) + t.close;
  }
  return out === '' ? undefined : out;
}

function tagsOf(known: Map<string, Tags>, name: string, indent: string): Tags {
  let tags = known.get(name);
  if (!tags) {
    tags = { open: `${indent}<${name}>`, close: `</${name}>\n`, empty: `${indent}<${name}/>\n` };
    known.set(name, tags);
  }
  return tags;
}

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const SPECIAL = /[&<>"']/g;
/** A character to drop or to write as an entity (the one pattern most values do not match). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML 1.0 forbids, as in XML_FORBIDDEN
const NEEDS_WORK = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;

function escapeText(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return text.replace(XML_FORBIDDEN, '').replace(SPECIAL, (c) => ENTITY[c] ?? c);
}
