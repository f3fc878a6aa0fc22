import { textMaker } from './domain-text';

/** Dutch texts of the plain-language floor's refusal (commands/readability-gate.ts), by code (see domain-text.ts). */
export const READABILITY_TEXTS = {
  'readability.below_floor':
    'Het bericht scoort {score} op leesbaarheid, onder de grens van {floor}. Maak het eenvoudiger of bevestig dat het zo weg mag.',
} as const;

export const readabilityText = textMaker(READABILITY_TEXTS);
