import type { Category } from '../../../server/protocol/report';
import type { Locale } from '../i18n';

/** A category's name in the console's language. */
export function categoryLabel(category: Pick<Category, 'nameNl' | 'nameEn'>, locale: Locale): string {
  return locale === 'en' ? category.nameEn : category.nameNl;
}

/** The name of the category with this code; the code itself when the category is unknown. */
export function categoryName(categories: ReadonlyMap<string, Category>, code: string, locale: Locale): string {
  const category = categories.get(code);
  return category ? categoryLabel(category, locale) : code;
}
