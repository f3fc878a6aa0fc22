import type { TimelineEntry } from '../protocol/detail';
import type { Outcome, Report } from '../protocol/report';
import type { ReporterQuestion } from '../protocol/reporter-question';
import { formatLongDate } from './feedback';
import { asSentence } from './feedback-values';
import { isFramedWhat } from './resolution-frames';

/** What a citizen may see of a report: no staff names, no internal notes, no other reporter's data. */
export interface CitizenView {
  number: string;
  /** The category as a citizen says it ("een boomtak of ander groen": its phrase, feedback-values.ts categoryInSentence). */
  category: string;
  address: string | null;
  state: 'open' | 'scheduled' | 'closed' | 'reopen_requested';
  headline: string;
  followUpDate: string | null;
  steps: { at: string; title: string; lines: string[] }[];
  askSatisfaction: boolean;
  /** Public text of an active focus area the report lies in ("Waarom we hier extra handhaven"). */
  focusAreaText?: string | null;
  /** The desk's open question to the reporter, answered on this page; null when none is open. */
  question: { text: string; dueAt: string } | null;
  /** After a reopening "nee": by when the citizen hears whether the report is picked up again (YYYY-MM-DD). */
  reopenReplyBy?: string | null;
  /** The photo of the fix the desk approved (served at /status/:token/foto), with its size; absent or null when none. */
  fixPhoto?: { width: number; height: number } | null;
}

/**
 * What happened to a closed report, in words that say it (not "Afgesloten: …" or "Afgehandeld"): the header and the
 * closing step read the same. A referral names the party it went to when the desk wrote it down.
 */
export function closedWords(outcome: Outcome, referredTo?: string | null): string {
  switch (outcome) {
    case 'resolved':
      return 'Opgelost';
    case 'referred':
      return referredTo?.trim() ? `Doorgestuurd naar ${referredTo.trim()}` : 'Doorgestuurd naar de partij die erover gaat';
    case 'no_action':
      return 'Bekeken: er hoefde niets te gebeuren';
    case 'not_found':
      return 'Bekeken: we troffen niets aan';
    case 'duplicate':
      return 'Samengevoegd met een eerdere melding';
    case 'cancelled':
      return 'Ingetrokken';
  }
}

/**
 * Whether a closed report is asked "Is uw melding naar tevredenheid opgelost?": not after a referral, where another
 * party solves it and we cannot say it was. The KPIs count such a closing as not asked (domain/kpi-steps.ts).
 */
export function mayAskSatisfaction(outcome: Outcome | null): boolean {
  return outcome !== 'referred';
}

const scheduledWords = (date: string) => `Ingepland voor ${formatLongDate(date, 'nl')}`;

export function citizenView(
  report: Report,
  categoryName: string,
  timeline: TimelineEntry[],
  alreadyAnswered: boolean,
  focusAreaText?: string,
  openQuestion: ReporterQuestion | null = null,
): CitizenView {
  const steps: CitizenView['steps'] = [{ at: report.createdAt, title: 'Ontvangen', lines: ['We hebben uw melding ontvangen.'] }];
  // The last confirmed schedule's date, until the report is closed or reopened: a scheduled report back in the
  // queue on its follow-up date (or picked up by the desk) stays "ingepland" to the citizen until it is closed.
  let scheduledFor: string | null = null;
  let referredTo: string | null = null;
  for (const entry of timeline) {
    const r = entry.resolutionState === 'confirmed' ? entry.resolution : null;
    if (r?.kind === 'schedule') scheduledFor = r.followUp.date;
    else if (r || entry.to === 'closed' || entry.to === 'reopen_requested' || entry.from === 'reopen_requested') scheduledFor = null;
    if (r) {
      // The officer's words as sentences, as in the messages (feedback-values.ts asSentence), no label lines.
      // The step's title says the party a referral went to and a schedule's date (closedWords, scheduledWords): not
      // again in a line under it.
      const lines = [asSentence(r.found.text), asSentence(r.action.text)];
      if (r.kind === 'close' && r.outcome !== 'referred' && r.referredTo) lines.push(`We hebben uw melding doorgestuurd naar ${r.referredTo}.`);
      if (r.followUp) {
        // A "wat" the desk tidied up reads as a sentence of its own ("Wat we nog doen: snoeien.").
        const what = asSentence(r.followUp.what);
        lines.push(isFramedWhat(what) ? what : `Dit gebeurt nog: ${lowerFirst(what)}`);
        if (r.kind === 'close') lines.push(`Dat is gepland op ${formatLongDate(r.followUp.date, 'nl')}.`);
      }
      if (r.kind === 'close') referredTo = r.referredTo ?? null;
      steps.push({ at: entry.at, title: r.kind === 'schedule' ? scheduledWords(r.followUp.date) : closedWords(r.outcome, r.referredTo), lines });
    } else if (entry.to === 'reopen_requested') {
      // Not the comment itself: every reporter of the report shares this page (one link per report), and one
      // reporter's words are theirs alone; the desk reads them in the console.
      const lines = entry.note ? ['De toelichting is doorgegeven aan de meldkamer.'] : [];
      steps.push({ at: entry.at, title: 'Er is gemeld dat het probleem niet is opgelost', lines });
    } else if (entry.from === 'reopen_requested') {
      const title = entry.to === 'closed' ? 'Uw verzoek is bekeken: de melding blijft afgesloten' : 'We pakken uw melding opnieuw op';
      steps.push({ at: entry.at, title, lines: entry.note ? [entry.note] : [] });
    } else if (entry.type === 'report.question' && entry.text?.code === 'timeline.question.asked') {
      steps.push({ at: entry.at, title: 'We stelden u een vraag', lines: entry.note ? [entry.note] : [] });
    } else if (entry.type === 'report.question' && entry.text?.code.startsWith('timeline.question.answered')) {
      // Not the answer itself: every reporter of the report shares this page (linked callers get the same link).
      steps.push({ at: entry.at, title: 'U beantwoordde onze vraag', lines: ['De meldkamer heeft het antwoord ontvangen.'] });
    } else if (entry.to === 'dispatched') {
      steps.push({ at: entry.at, title: 'Er is iemand op weg gestuurd', lines: [] });
    }
  }
  const stillScheduled = report.status !== 'closed' && report.status !== 'reopen_requested' && scheduledFor !== null;
  const followUpDate = report.status === 'scheduled' ? report.followUpDate : stillScheduled ? scheduledFor : null;
  const state =
    report.status === 'closed'
      ? 'closed'
      : report.status === 'scheduled' || stillScheduled
        ? 'scheduled'
        : report.status === 'reopen_requested'
          ? 'reopen_requested'
          : 'open';
  const headline =
    state === 'closed' && report.outcome
      ? closedWords(report.outcome, referredTo)
      : state === 'scheduled' && followUpDate
        ? scheduledWords(followUpDate)
        : state === 'reopen_requested'
          ? 'In behandeling: uw reactie wordt bekeken'
          : 'In behandeling';
  return {
    number: report.number,
    category: categoryName,
    address: report.address,
    state,
    headline,
    followUpDate,
    steps,
    askSatisfaction: state === 'closed' && mayAskSatisfaction(report.outcome) && !alreadyAnswered,
    focusAreaText: focusAreaText ?? null,
    // A closed report takes no more answers (commands/reporter-question.ts refuses them too).
    question: openQuestion?.state === 'open' && state !== 'closed' ? { text: openQuestion.question, dueAt: openQuestion.dueAt } : null,
  };
}

/** "De tak wordt gesnoeid." → "de tak wordt gesnoeid." after a colon; an abbreviation in capitals stays. */
function lowerFirst(sentence: string): string {
  return /^[A-Z][a-z]/.test(sentence) ? sentence.charAt(0).toLowerCase() + sentence.slice(1) : sentence;
}
