import { z } from 'zod';
import { commandText } from '../domain/command-texts';
import { type Category, CategoryPhrases, CategorySlaTerms } from '../protocol/report';
import { updateCategoryPhrases, updateCategorySlaTerms } from '../store/categories';
import { CommandError } from './errors';
import { userCommand } from './run-command';

/**
 * The shift lead sets a category's terms for urgent and high reports in clock hours (domain/sla.ts slaTermFor).
 * New reports get them; a report keeps the deadline and at-risk time it was given when it came in.
 */
export const setCategorySlaTerms = userCommand({
  name: 'category.sla_terms',
  access: 'categories.write',
  input: CategorySlaTerms.extend({ code: z.string().min(1) }),
  async apply(tx, { code, ...terms }): Promise<Category> {
    const updated = await updateCategorySlaTerms(tx.trx, code, terms);
    if (!updated) throw new CommandError('not_found', commandText('command.category.unknown'));
    return updated;
  },
});

/**
 * How a category reads in a sentence of a citizen message ("uw melding over een boomtak"; {categorie}), per
 * language; null: its name. Kept by whoever keeps the message texts (templates.write). Messages composed from
 * then on use it.
 */
export const setCategoryPhrases = userCommand({
  name: 'category.phrases',
  access: 'templates.write',
  input: CategoryPhrases.extend({ code: z.string().min(1) }),
  async apply(tx, { code, ...phrases }): Promise<Category> {
    const updated = await updateCategoryPhrases(tx.trx, code, phrases);
    if (!updated) throw new CommandError('not_found', commandText('command.category.unknown'));
    return updated;
  },
});
