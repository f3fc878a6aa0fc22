/**
 * An address as the intake form holds it (street, number, postcode, place: strings as typed) and the one
 * line the report keeps. Pure. The caller's house number is kept as they said it ("36a", "36-A", "36 bis"):
 * nothing here rewrites a number the call-taker typed.
 */
import type { Address, AddressSuggestion } from '../../../server/protocol/address';

export interface AddressParts {
  street: string;
  houseNumber: string;
  postcode: string;
  place: string;
}

export const EMPTY_ADDRESS_PARTS: AddressParts = { street: '', houseNumber: '', postcode: '', place: '' };

const POSTCODE = /^(\d{4})\s?([A-Za-z]{2})$/;
/** A house number as people say it: digits, then an optional letter or addition ("36", "36a", "36-A", "36 bis", "12-2"). */
const HOUSE_NUMBER = /^(\d{1,5})(?:[\s-]?[A-Za-z0-9]{1,6})?$/;

/** "2514ee" → "2514 EE" (the written form); anything that is not a postcode is returned trimmed. */
export function formatPostcode(text: string): string {
  const match = POSTCODE.exec(text.trim());
  return match ? `${match[1]} ${match[2]?.toUpperCase()}` : text.trim();
}

/** The report's one-line address: "Lange Voorhout 36a, 2514 EE Den Haag"; empty parts are left out. */
export function composeAddress(parts: AddressParts): string {
  const line1 = [parts.street.trim(), parts.houseNumber.trim()].filter(Boolean).join(' ');
  const line2 = [formatPostcode(parts.postcode), parts.place.trim()].filter(Boolean).join(' ');
  return [line1, line2].filter(Boolean).join(', ');
}

export function hasAddress(parts: AddressParts): boolean {
  return composeAddress(parts) !== '';
}

/** The house number in what was typed into the search box ("Lange Voorhout 36-A" → "36-A", "2514 EE 36" → "36"). */
export function typedHouseNumber(query: string): string | null {
  const tokens = query.trim().split(/\s+/);
  // A postcode's digits are not a house number: "2514 EE 36" ends in the number.
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i] ?? '';
    const next = tokens[i + 1];
    if (/^\d{4}$/.test(token) && next && /^[A-Za-z]{2}$/.test(next)) continue;
    if (/^\d{4}[A-Za-z]{2}$/.test(token)) continue;
    if (HOUSE_NUMBER.test(token)) {
      // "36 a" and "36 bis": the letter or addition after a space belongs to the number.
      const after = next && /^[A-Za-z]{1,3}$/.test(next) && i + 1 === tokens.length - 1 ? ` ${next}` : '';
      return token + after;
    }
  }
  return null;
}

/** An address's own number: "36", "36A", "36-2" (house number, letter, addition as the register has them). */
export function registeredHouseNumber(address: Pick<Address, 'houseNumber' | 'houseLetter' | 'addition'>): string {
  if (address.houseNumber === null) return '';
  const letter = address.houseLetter ?? '';
  const addition = address.addition ? `-${address.addition}` : '';
  return `${address.houseNumber}${letter}${addition}`;
}

/** The digits a house number starts with ("36-A" → 36), or null. */
function numberPart(text: string): number | null {
  const match = /^\s*(\d+)/.exec(text);
  return match ? Number(match[1]) : null;
}

/**
 * The form's fields for a chosen address. The house number is the caller's own when it names the same
 * number ("36a" stays "36a" even if the register writes "36A"); else the register's.
 */
export function partsFromAddress(address: Address, query = ''): AddressParts {
  const registered = registeredHouseNumber(address);
  const typed = typedHouseNumber(query);
  const keepTyped = typed !== null && address.houseNumber !== null && numberPart(typed) === address.houseNumber;
  return {
    // A named place or corner: its name without the place ("Malieveld", not "Malieveld, Den Haag" twice).
    street: address.kind === 'place' || address.kind === 'corner' ? shortAddressLabel(address.label) : (address.street ?? ''),
    houseNumber: keepTyped ? typed : registered,
    postcode: address.postcode ? formatPostcode(address.postcode) : '',
    place: address.place ?? '',
  };
}

/**
 * A one-line address split into the form's fields ("Lange Voorhout 36a, 2514 EE Den Haag"), e.g. to look up
 * what the call-taker typed. Best effort: what is not recognised stays in `street`.
 */
export function splitAddress(text: string): AddressParts {
  const [first = '', ...restParts] = text.split(',').map((s) => s.trim());
  const rest = restParts.join(' ').trim();
  const parts: AddressParts = { ...EMPTY_ADDRESS_PARTS };
  const tokens = first.split(/\s+/).filter(Boolean);
  const number = typedHouseNumber(first);
  if (number !== null && tokens.length > 1 && first.endsWith(number)) {
    parts.houseNumber = number;
    parts.street = first.slice(0, first.length - number.length).trim();
  } else {
    parts.street = first;
  }
  const postcode = /(\d{4})\s?([A-Za-z]{2})\b/.exec(rest);
  if (postcode) {
    parts.postcode = `${postcode[1]} ${postcode[2]?.toUpperCase()}`;
    parts.place = rest.replace(postcode[0], '').trim();
  } else {
    parts.place = rest;
  }
  return parts;
}

/** What to ask the address search for these fields (street and number, else postcode and number). */
export function searchTextFor(parts: AddressParts): string {
  const street = parts.street.trim();
  const number = parts.houseNumber.trim();
  // The place after a comma: the address search reads "Spui 1 Den Haag" as one street name and finds nothing.
  if (street) return [[street, number].filter(Boolean).join(' '), parts.place.trim()].filter(Boolean).join(', ');
  const postcode = formatPostcode(parts.postcode);
  return postcode && number ? `${postcode} ${number}` : '';
}

/** The form's fields from a suggestion's label ("Lange Voorhout 36, 2514 EE Den Haag"), the typed number kept. */
export function partsFromSuggestion(suggestion: Pick<AddressSuggestion, 'label' | 'kind'>, query = ''): AddressParts {
  if (suggestion.kind !== 'address' && suggestion.kind !== 'street') {
    const [name = suggestion.label, ...place] = suggestion.label.split(',').map((s) => s.trim());
    return { ...EMPTY_ADDRESS_PARTS, street: name, place: place.join(', ') };
  }
  const parts = splitAddress(suggestion.label);
  const typed = typedHouseNumber(query);
  if (typed !== null && numberPart(typed) === numberPart(parts.houseNumber)) parts.houseNumber = typed;
  return parts;
}

/** An address label's first line ("Lange Voorhout 36, Den Haag" → "Lange Voorhout 36"): what a dispatcher reads out. */
export function shortAddressLabel(label: string): string {
  return label.split(',')[0]?.trim() || label;
}
