import type { Address } from '../protocol/address';
import type { AddressSource } from './address-source';
import { isKeptId } from './offline-labels';
import { normalizeText } from './normalize';
import { parseQuery } from './parse-query';

/**
 * The addresses a typed address names exactly (street or postcode, number, letter and addition as given): for
 * texts that come without a point (an Open311 address_string). A street, a place or a guessed number is none.
 */
export async function resolveAddress(source: AddressSource, text: string): Promise<Address[]> {
  const query = parseQuery(text);
  const house = query.kind === 'corner' ? null : query.house;
  if (!house) return [];
  const suggestions = (await source.suggest(text, 10)).filter((s) => s.kind === 'address' && !isKeptId(s.id));
  const found: Address[] = [];
  for (const suggestion of suggestions) {
    const address = await source.lookup(suggestion.id);
    if (
      address &&
      address.houseNumber === house.number &&
      (address.houseLetter ?? '').toUpperCase() === (house.letter ?? '') &&
      normalizeText(address.addition ?? '') === normalizeText(house.addition ?? '')
    ) {
      found.push(address);
    }
  }
  return found;
}
