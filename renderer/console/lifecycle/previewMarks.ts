/**
 * Marks in the message preview (pure): where the field's unedited words stand in the message, and the text cut into
 * segments with the marks (hints, field text) that cover each. Rules:
 * - a field text is looked for without case, trimmed, white space collapsed and without its end mark ("tak hangt
 *   laag." finds "Tak hangt laag"); texts shorter than 3 characters are not looked for; every place counts;
 * - segments: the text cut at every range's start and end; a segment lists the ranges that cover it wholly.
 */

export interface MarkRange {
  start: number;
  end: number;
  kind: string;
  title: string;
}

export interface MarkSegment {
  start: number;
  text: string;
  marks: MarkRange[];
}

export function uneditedRanges(text: string, fieldTexts: readonly string[]): { start: number; end: number }[] {
  const haystack = text.toLowerCase();
  const out: { start: number; end: number }[] = [];
  for (const raw of fieldTexts) {
    const needle = raw.replace(/\s+/g, ' ').trim().replace(/[\s.!?;:,]+$/u, '').toLowerCase();
    if (needle.length < 3) continue;
    let from = 0;
    for (;;) {
      const at = haystack.indexOf(needle, from);
      if (at < 0) break;
      out.push({ start: at, end: at + needle.length });
      from = at + needle.length;
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

export function markSegments(text: string, ranges: readonly MarkRange[]): MarkSegment[] {
  const cuts = new Set<number>([0, text.length]);
  for (const r of ranges) {
    cuts.add(Math.max(0, Math.min(text.length, r.start)));
    cuts.add(Math.max(0, Math.min(text.length, r.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: MarkSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (end <= start) continue;
    segments.push({ start, text: text.slice(start, end), marks: ranges.filter((r) => r.start <= start && r.end >= end) });
  }
  return segments;
}
