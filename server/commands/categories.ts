import { z } from 'zod';
import { commandText } from '../domain/command-texts';
import { type Category, CategorySlaTerms } from '../protocol/report';
import { updateCategorySlaTerms } from '../store/categories';
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
