import type { UnitKind } from '../protocol/dispatch';

export const UNIT_KINDS: readonly UnitKind[] = ['boa_domein_1', 'toezicht_parkeren', 'toezicht_afval_fietsen'];

export const UNIT_KIND_LABELS: Readonly<Record<UnitKind, string>> = {
  boa_domein_1: 'BOA domein I',
  toezicht_parkeren: 'Toezichthouder parkeren',
  toezicht_afval_fietsen: 'Toezichthouder afval en fietsen',
};

/**
 * Which report categories each kind of unit may handle. A BOA domein I (openbare ruimte)
 * may inspect anything in public space; the inspectors only their own field.
 */
export const UNIT_SKILLS: Readonly<Record<UnitKind, readonly string[]>> = {
  boa_domein_1: ['overlast', 'afval', 'zwerffiets', 'parkeren', 'groen', 'verlichting'],
  toezicht_parkeren: ['parkeren'],
  toezicht_afval_fietsen: ['afval', 'zwerffiets'],
};

/**
 * Kinds that also take categories this table does not know yet (a category added by an
 * admin later): a BOA can look at anything in public space, so a new category is never
 * left without anyone to send.
 */
export const GENERALIST_KINDS: readonly UnitKind[] = ['boa_domein_1'];

const KNOWN_CATEGORIES: ReadonlySet<string> = new Set(Object.values(UNIT_SKILLS).flat());

export function isKnownCategory(category: string): boolean {
  return KNOWN_CATEGORIES.has(category);
}

export function canHandle(kind: UnitKind, category: string): boolean {
  if (UNIT_SKILLS[kind].includes(category)) return true;
  return !isKnownCategory(category) && GENERALIST_KINDS.includes(kind);
}

/** The kinds that may be sent to a report of this category, in table order. */
export function kindsForCategory(category: string): UnitKind[] {
  return UNIT_KINDS.filter((kind) => canHandle(kind, category));
}
