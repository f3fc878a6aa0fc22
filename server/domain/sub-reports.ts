import type { FeedbackLocale } from '../protocol/resolution';
import type { Outcome, ReportStatus } from '../protocol/report';
import { type DomainText, textMaker } from './domain-text';

/**
 * Sub-reports (deelmeldingen): a report split into parts for different teams (a dumped sofa for the cleaning team,
 * the dumping itself for enforcement). Rules, as data and pure functions:
 *
 * - A part is a report of its own: its own number, category, team, lifecycle (the same transition table,
 *   domain/lifecycle.ts), resolution, units and queue row. It has no reporter, no status link and no code.
 * - Only the main report talks to the citizen: a part never composes or queues a citizen message.
 * - A part cannot be split again; a closed report cannot be split; a report has at most MAX_PARTS parts.
 * - The team of a part is one of the teams the categories name (their `department`); by default the team of the
 *   part's category.
 * - The main report cannot be closed while a part is open (409 `open_parts`, listing them): close or cancel
 *   (outcome `cancelled`) the parts first. A closed part of a closed main report cannot be reopened.
 * - The main report's closing message sums up the closed parts, one sentence each (cancelled ones left out):
 *   the placeholder `{?deelmeldingen}` (the seeded closings put it after what was found and done), or a paragraph
 *   before the closing lines when the template does not use it.
 */

export const MAX_PARTS = 10;

export const SUB_REPORT_TEXTS = {
  'subreport.part_of_part': 'Melding {number} is zelf een deelmelding en kan niet verder worden gesplitst; splits de hoofdmelding {parent}.',
  'subreport.parent_closed': 'Melding {number} is afgesloten en kan niet meer worden gesplitst.',
  'subreport.too_many': 'Een melding heeft ten hoogste {max} delen; melding {number} heeft er al {count}.',
  'subreport.team_unknown': 'Onbekend team "{team}": kies een team van een van de categorieën.',
  'subreport.open_parts': 'Melding {number} heeft nog open deelmeldingen: {parts}. Sluit of annuleer die eerst.',
  'subreport.parent_closed_reopen': 'Deelmelding {number} hoort bij de afgesloten melding {parent}: heropen eerst de hoofdmelding.',
  'subreport.no_citizen': 'Deelmelding {number} heeft geen melder: koppel de beller aan de hoofdmelding {parent}.',
} as const;

const say = textMaker(SUB_REPORT_TEXTS);

export type SubReportRefusal = { ok: false; kind: 'conflict' | 'validation'; code: keyof typeof SUB_REPORT_TEXTS; text: DomainText };

/** What a split needs to know of the report to be split. */
export interface SplitTarget {
  number: string;
  status: ReportStatus;
  /** The main report's number when the target is itself a part. */
  parentNumber: string | null;
  partCount: number;
}

/** May `target` get `adding` more parts? */
export function checkSplit(target: SplitTarget, adding: number): { ok: true } | SubReportRefusal {
  if (target.parentNumber !== null) {
    return refuse('conflict', 'subreport.part_of_part', { number: target.number, parent: target.parentNumber });
  }
  if (target.status === 'closed') return refuse('conflict', 'subreport.parent_closed', { number: target.number });
  if (target.partCount + adding > MAX_PARTS) {
    return refuse('validation', 'subreport.too_many', { max: MAX_PARTS, number: target.number, count: target.partCount });
  }
  return { ok: true };
}

/** The team of a part: the one asked for (must be a known team), else the category's. */
export function partTeam(asked: string | undefined, categoryTeam: string, knownTeams: readonly string[]): { ok: true; team: string } | SubReportRefusal {
  if (asked === undefined) return { ok: true, team: categoryTeam };
  const wanted = asked.trim().toLowerCase();
  const team = knownTeams.find((t) => t.toLowerCase() === wanted);
  return team ? { ok: true, team } : refuse('validation', 'subreport.team_unknown', { team: asked.trim() });
}

/** The part as the closing check reads it. */
export interface PartState {
  number: string;
  status: ReportStatus;
}

/** A main report may close only when none of its parts is open. */
export function checkCloseWithParts(mainNumber: string, parts: readonly PartState[]): { ok: true } | SubReportRefusal {
  const open = parts.filter((p) => p.status !== 'closed').map((p) => p.number);
  if (open.length === 0) return { ok: true };
  return refuse('conflict', 'subreport.open_parts', { number: mainNumber, parts: open.join(', ') });
}

/** A closed part may be reopened only while its main report is open. */
export function checkReopenPart(part: { number: string }, parent: { number: string; status: ReportStatus }): { ok: true } | SubReportRefusal {
  return parent.status === 'closed' ? refuse('conflict', 'subreport.parent_closed_reopen', { number: part.number, parent: parent.number }) : { ok: true };
}

/** A part never gets a reporter: callers are linked to the main report. */
export function noCitizenOnPart(part: { number: string }, parentNumber: string): SubReportRefusal {
  return refuse('conflict', 'subreport.no_citizen', { number: part.number, parent: parentNumber });
}

/** A closed part as the summary reads it: its team, outcome and the confirmed resolution's action text. */
export interface ClosedPart {
  number: string;
  team: string;
  outcome: Outcome | null;
  action: string | null;
  referredTo?: string | null | undefined;
}

const OUTCOME_WORDS: Record<FeedbackLocale, Record<Exclude<Outcome, 'resolved' | 'cancelled'>, string>> = {
  nl: { referred: 'doorverwezen', no_action: 'geen actie nodig', not_found: 'niet aangetroffen', duplicate: 'al eerder gemeld' },
  en: { referred: 'referred', no_action: 'no action needed', not_found: 'not found', duplicate: 'reported before' },
};

const HEADER: Record<FeedbackLocale, string> = {
  nl: 'Uw melding is in delen opgepakt door verschillende teams:',
  en: 'Your report was handled in parts by different teams:',
};

/** "tekst." : trimmed, one full stop at the end unless it ends in a sentence mark already. */
function sentenceEnd(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * One sentence per closed part, for the main report's closing message, in part-number order:
 * `- <team>: <what was done>.`, with the outcome in brackets when it is not `resolved`
 * (`- Handhaving BOA (doorverwezen naar Politie): ...`). Cancelled parts and parts without an action are left
 * out; undefined when nothing is left to tell.
 */
export function partsSummary(parts: readonly ClosedPart[], locale: FeedbackLocale): string | undefined {
  const lines = [...parts]
    .filter((p) => p.outcome !== null && p.outcome !== 'cancelled' && p.action && p.action.trim() !== '')
    .sort((a, b) => a.number.localeCompare(b.number))
    .map((p) => {
      const outcome = p.outcome as Exclude<Outcome, 'cancelled'>;
      let label = p.team;
      if (outcome !== 'resolved') {
        const word = OUTCOME_WORDS[locale][outcome];
        const to = outcome === 'referred' && p.referredTo?.trim() ? ` ${locale === 'nl' ? 'naar' : 'to'} ${p.referredTo.trim()}` : '';
        label = `${p.team} (${word}${to})`;
      }
      return `- ${label}: ${sentenceEnd(p.action ?? '')}`;
    });
  return lines.length === 0 ? undefined : [HEADER[locale], ...lines].join('\n');
}

function refuse(kind: 'conflict' | 'validation', code: keyof typeof SUB_REPORT_TEXTS, params: Record<string, string | number>): SubReportRefusal {
  return { ok: false, kind, code, text: say(code, params) };
}

const SIGN_OFF = /^(met vriendelijke groet|kind regards)/i;
const THANKS = /^(bedankt|dank u|thank you|thanks)\b/i;

/**
 * The closing message with the parts' summary in it: as it is when it holds the summary already (the template's
 * `{?deelmeldingen}`, or the dispatcher's edit of a preview that had it), else as a paragraph before the closing
 * lines: the first paragraph after the greeting that thanks the reporter, points to the status page (`statusLink`)
 * or signs off ("Met vriendelijke groet," / "Kind regards,"); at the end when there is none.
 */
export function withPartsSummary(text: string, summary: string, statusLink?: string): string {
  if (text.includes(summary)) return text;
  const paragraphs = text.split(/\n{2,}/);
  const closing = paragraphs.findIndex((p, i) => {
    const trimmed = p.trim();
    if (SIGN_OFF.test(trimmed)) return true;
    return i > 0 && (THANKS.test(trimmed) || (statusLink !== undefined && statusLink !== '' && trimmed.includes(statusLink)));
  });
  if (closing === -1) return `${text.trimEnd()}\n\n${summary}`;
  return [...paragraphs.slice(0, closing), summary, ...paragraphs.slice(closing)].join('\n\n');
}
