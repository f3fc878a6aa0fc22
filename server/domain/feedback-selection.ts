import type { Outcome } from '../protocol/report';
import type { FeedbackLocale, FeedbackTemplate, FeedbackTrigger } from '../protocol/resolution';

export interface TemplateQuery {
  category: string;
  trigger: FeedbackTrigger;
  outcome?: Outcome;
  locale: FeedbackLocale;
}

/**
 * Most specific template wins: category+outcome > category > '*'+outcome > '*'.
 * A template for another outcome or category never applies. Without a template in
 * the requested locale, the Dutch one is used. Ties go to the first in the list.
 */
export function selectTemplate(
  templates: readonly FeedbackTemplate[],
  query: TemplateQuery,
): FeedbackTemplate | undefined {
  return bestIn(templates, query, query.locale) ?? (query.locale === 'nl' ? undefined : bestIn(templates, query, 'nl'));
}

function bestIn(
  templates: readonly FeedbackTemplate[],
  query: TemplateQuery,
  locale: FeedbackLocale,
): FeedbackTemplate | undefined {
  let best: FeedbackTemplate | undefined;
  let bestScore = 0;
  for (const t of templates) {
    if (t.trigger !== query.trigger || t.locale !== locale) continue;
    if (t.category !== '*' && t.category !== query.category) continue;
    if (t.outcome !== undefined && t.outcome !== query.outcome) continue;
    const score = (t.category === '*' ? 0 : 2) + (t.outcome === undefined ? 0 : 1) + 1;
    if (score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return best;
}
