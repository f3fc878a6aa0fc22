import type { FeedbackLocale, Resolution } from '../protocol/resolution';
import { type DomainText, listText } from './domain-text';
import type { PlaceholderName } from './feedback-placeholders';
import { feedbackText } from './feedback-texts';
import { asSentence, formatLongDate } from './feedback-values';

/** A refusal keeps its Dutch `message`; `text` is the message coded. */
export type SpecificCheck = { ok: true } | { ok: false; missing: SpecificName[]; message: string; text: DomainText };

/** The placeholders whose values a message about a resolution must contain. */
type SpecificName = Extract<PlaceholderName, 'bevinding' | 'actie' | 'vervolgactie' | 'vervolgdatum' | 'doorverwezen_naar'>;

/**
 * A message about a resolution must say, literally, what was found and what was done
 * (closing), what will happen and when (scheduling), and to whom it was referred.
 * Catches an edited message that dropped them or says only "afgehandeld".
 */
export function checkSpecific(text: string, resolution: Resolution, locale: FeedbackLocale): SpecificCheck {
  const haystack = normalize(text);
  const expected: [SpecificName, string][] = [['bevinding', resolution.found.text]];
  if (resolution.kind === 'close') {
    expected.push(['actie', resolution.action.text]);
    if (resolution.outcome === 'referred' && resolution.referredTo) {
      expected.push(['doorverwezen_naar', resolution.referredTo]);
    }
  } else {
    expected.push(['vervolgactie', resolution.followUp.what]);
    expected.push(['vervolgdatum', formatLongDate(resolution.followUp.date, locale)]);
  }
  // The text as typed, or as the message writes it (a sentence: capital letter, full stop; feedback-values.ts).
  const says = (value: string) => haystack.includes(normalize(value)) || haystack.includes(normalize(asSentence(value)).replace(/\.$/, ''));
  const missing = expected.filter(([, value]) => !says(value)).map(([name]) => name);
  if (missing.length === 0) return { ok: true };
  const [first, ...rest] = missing.map((name) => feedbackText(`feedback.specific.${name}`));
  if (!first) return { ok: true };
  const refusal = feedbackText('feedback.not_specific', { what: listText([first, ...rest]) });
  return { ok: false, missing, message: refusal.message, text: refusal };
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}
