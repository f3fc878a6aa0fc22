import type { FeedbackLocale, Resolution } from '../protocol/resolution';
import type { PlaceholderName } from './feedback-placeholders';
import { formatLongDate } from './feedback-values';

export type SpecificCheck = { ok: true } | { ok: false; missing: PlaceholderName[]; message: string };

const DESCRIPTIONS: Partial<Record<PlaceholderName, string>> = {
  bevinding: 'wat er is aangetroffen',
  actie: 'wat er is gedaan',
  vervolgactie: 'wat er nog gaat gebeuren',
  vervolgdatum: 'de vervolgdatum',
  doorverwezen_naar: 'naar wie is doorverwezen',
};

/**
 * A message about a resolution must say, literally, what was found and what was done
 * (closing), what will happen and when (scheduling), and to whom it was referred.
 * Catches an edited message that dropped them or says only "afgehandeld".
 */
export function checkSpecific(text: string, resolution: Resolution, locale: FeedbackLocale): SpecificCheck {
  const haystack = normalize(text);
  const expected: [PlaceholderName, string][] = [['bevinding', resolution.found.text]];
  if (resolution.kind === 'close') {
    expected.push(['actie', resolution.action.text]);
    if (resolution.outcome === 'referred' && resolution.referredTo) {
      expected.push(['doorverwezen_naar', resolution.referredTo]);
    }
  } else {
    expected.push(['vervolgactie', resolution.followUp.what]);
    expected.push(['vervolgdatum', formatLongDate(resolution.followUp.date, locale)]);
  }
  const missing = expected.filter(([, value]) => !haystack.includes(normalize(value))).map(([name]) => name);
  if (missing.length === 0) return { ok: true };
  const what = missing.map((name) => DESCRIPTIONS[name] ?? name).join(', ');
  return {
    ok: false,
    missing,
    message: `Het bericht moet letterlijk vermelden: ${what}. Pas zo nodig de afhandeling aan, niet alleen het bericht.`,
  };
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}
