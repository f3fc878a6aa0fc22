import { describe, expect, it } from 'vitest';
import type { Address } from '../../server/protocol/address';
import { ADDRESS_POINT_TOLERANCE_M, agreement, formatApproxDistance, metresBetween } from '../../renderer/console/address/addressCheck';
import {
  composeAddress,
  EMPTY_ADDRESS_PARTS,
  partsFromAddress,
  partsFromSuggestion,
  searchTextFor,
  shortAddressLabel,
  splitAddress,
  typedHouseNumber,
} from '../../renderer/console/address/addressParts';
import { CLOSED, suggestionKey } from '../../renderer/console/address/suggestionKeys';
import { labelPoint } from '../../renderer/console/map/taskingLayers';

const lv36: Address = {
  id: 'adr-lv-36',
  label: 'Lange Voorhout 36, 2514 EE Den Haag',
  kind: 'address',
  street: 'Lange Voorhout',
  houseNumber: 36,
  houseLetter: 'A',
  addition: null,
  postcode: '2514EE',
  place: 'Den Haag',
  lat: 52.08066,
  lng: 4.31226,
  approximate: true,
};

describe('suggestion keyboard', () => {
  it('↓ opens a closed list on the first suggestion, then moves and wraps', () => {
    const opened = suggestionKey('ArrowDown', CLOSED, 3);
    expect(opened).toEqual({ kind: 'move', state: { open: true, active: 0 } });
    expect(suggestionKey('ArrowDown', { open: true, active: 1 }, 3)).toEqual({ kind: 'move', state: { open: true, active: 2 } });
    expect(suggestionKey('ArrowDown', { open: true, active: 2 }, 3)).toEqual({ kind: 'move', state: { open: true, active: 0 } });
  });

  it('↑ goes to the last from nothing or the first, and opens a closed list on the last', () => {
    expect(suggestionKey('ArrowUp', { open: true, active: -1 }, 3)).toEqual({ kind: 'move', state: { open: true, active: 2 } });
    expect(suggestionKey('ArrowUp', { open: true, active: 0 }, 3)).toEqual({ kind: 'move', state: { open: true, active: 2 } });
    expect(suggestionKey('ArrowUp', { open: true, active: 2 }, 3)).toEqual({ kind: 'move', state: { open: true, active: 1 } });
    expect(suggestionKey('ArrowUp', CLOSED, 3)).toEqual({ kind: 'move', state: { open: true, active: 2 } });
  });

  it('Enter chooses the highlighted suggestion, or the first when none is; not on a closed or empty list', () => {
    expect(suggestionKey('Enter', { open: true, active: 1 }, 3)).toEqual({ kind: 'choose', index: 1, state: CLOSED });
    expect(suggestionKey('Enter', { open: true, active: -1 }, 3)).toEqual({ kind: 'choose', index: 0, state: CLOSED });
    expect(suggestionKey('Enter', CLOSED, 3)).toEqual({ kind: 'ignore' });
    expect(suggestionKey('Enter', { open: true, active: -1 }, 0)).toEqual({ kind: 'ignore' });
  });

  it('Escape closes an open list, and clears the text when the list is closed', () => {
    expect(suggestionKey('Escape', { open: true, active: 1 }, 3)).toEqual({ kind: 'move', state: CLOSED });
    expect(suggestionKey('Escape', CLOSED, 3)).toEqual({ kind: 'clear', state: CLOSED });
  });

  it('arrows do nothing without suggestions; other keys are left to the input', () => {
    expect(suggestionKey('ArrowDown', CLOSED, 0)).toEqual({ kind: 'ignore' });
    expect(suggestionKey('a', { open: true, active: 0 }, 3)).toEqual({ kind: 'ignore' });
    expect(suggestionKey('Tab', { open: true, active: 0 }, 3)).toEqual({ kind: 'ignore' });
  });
});

describe('address and point: the 25 m check (great-circle distance with turf)', () => {
  const point = { lat: 52.08066, lng: 4.31226 };

  it('measures metres on the earth: 0.001° of latitude is about 111 m', () => {
    expect(metresBetween(point, { lat: point.lat + 0.001, lng: point.lng })).toBeCloseTo(111.2, 0);
    // At 52° north a degree of longitude is shorter: 0.001° ≈ 68.5 m.
    expect(metresBetween(point, { lat: point.lat, lng: point.lng + 0.001 })).toBeCloseTo(68.5, 0);
  });

  it('within 25 m agrees; further is flagged with the distance and where the address is', () => {
    const near = { lat: point.lat + 0.0002, lng: point.lng }; // ≈ 22 m
    const far = { lat: point.lat + 0.0003, lng: point.lng }; // ≈ 33 m
    expect(agreement(point, near)).toMatchObject({ kind: 'agrees' });
    const flagged = agreement(point, far);
    expect(flagged.kind).toBe('far');
    if (flagged.kind === 'far') {
      expect(flagged.distanceM).toBeGreaterThan(ADDRESS_POINT_TOLERANCE_M);
      expect(flagged.at).toEqual(far);
    }
  });

  it('nothing to compare without a point or before the look-up; an unknown address says so', () => {
    expect(agreement(null, point)).toEqual({ kind: 'none' });
    expect(agreement(point, undefined)).toEqual({ kind: 'none' });
    expect(agreement(point, null)).toEqual({ kind: 'unknown' });
  });

  it('reads distances aloud: "± 40 m", "± 120 m", "± 1,3 km"', () => {
    expect(formatApproxDistance(41.2)).toBe('± 40 m');
    expect(formatApproxDistance(3)).toBe('± 5 m');
    expect(formatApproxDistance(123)).toBe('± 120 m');
    expect(formatApproxDistance(1290)).toBe('± 1,3 km');
  });
});

describe('address fields', () => {
  it('composes the report line and leaves out what is empty', () => {
    expect(composeAddress({ street: 'Lange Voorhout', houseNumber: '36a', postcode: '2514ee', place: 'Den Haag' })).toBe(
      'Lange Voorhout 36a, 2514 EE Den Haag',
    );
    expect(composeAddress({ ...EMPTY_ADDRESS_PARTS, street: 'Malieveld' })).toBe('Malieveld');
    expect(composeAddress({ ...EMPTY_ADDRESS_PARTS, postcode: '2514 EE', houseNumber: '36' })).toBe('36, 2514 EE');
    expect(composeAddress(EMPTY_ADDRESS_PARTS)).toBe('');
  });

  it('splits a one-line address into street, number, postcode and place', () => {
    expect(splitAddress('Lange Voorhout 36, 2514 EE Den Haag')).toEqual({
      street: 'Lange Voorhout',
      houseNumber: '36',
      postcode: '2514 EE',
      place: 'Den Haag',
    });
    expect(splitAddress('Laan van Meerdervoort 80-A')).toEqual({ ...EMPTY_ADDRESS_PARTS, street: 'Laan van Meerdervoort', houseNumber: '80-A' });
    expect(splitAddress('Lange Voorhout, Den Haag')).toEqual({ ...EMPTY_ADDRESS_PARTS, street: 'Lange Voorhout', place: 'Den Haag' });
    expect(splitAddress('Malieveld')).toEqual({ ...EMPTY_ADDRESS_PARTS, street: 'Malieveld' });
  });

  it('finds the house number the caller gave, not the postcode digits', () => {
    expect(typedHouseNumber('Lange Voorhout 36')).toBe('36');
    expect(typedHouseNumber('Lange Voorhout 36a')).toBe('36a');
    expect(typedHouseNumber('Lange Voorhout 36-A')).toBe('36-A');
    expect(typedHouseNumber('Lange Voorhout 36 bis')).toBe('36 bis');
    expect(typedHouseNumber('2514 EE 36')).toBe('36');
    expect(typedHouseNumber('2514EE 36')).toBe('36');
    expect(typedHouseNumber('2514 EE')).toBeNull();
    expect(typedHouseNumber('Malieveld')).toBeNull();
  });

  it("keeps the caller's house number exactly as typed when it names the chosen address's number", () => {
    expect(partsFromAddress(lv36, 'Lange Voorhout 36-a').houseNumber).toBe('36-a');
    expect(partsFromAddress(lv36, 'lange voorhout 36a').houseNumber).toBe('36a');
    // A different number (or none): the register's own.
    expect(partsFromAddress(lv36, 'Lange Voorhout 38').houseNumber).toBe('36A');
    expect(partsFromAddress(lv36, 'Lange Voorhout').houseNumber).toBe('36A');
    // The postcode in its written form.
    expect(partsFromAddress(lv36, '')).toEqual({ street: 'Lange Voorhout', houseNumber: '36A', postcode: '2514 EE', place: 'Den Haag' });
  });

  it('fills the fields from a suggestion with a point (no look-up), the typed number kept', () => {
    expect(partsFromSuggestion({ label: 'Lange Voorhout 36, 2514 EE Den Haag', kind: 'address' }, 'Lange Voorhout 36-A')).toEqual({
      street: 'Lange Voorhout',
      houseNumber: '36-A',
      postcode: '2514 EE',
      place: 'Den Haag',
    });
    expect(partsFromSuggestion({ label: 'Malieveld', kind: 'place' })).toEqual({ ...EMPTY_ADDRESS_PARTS, street: 'Malieveld' });
    expect(partsFromSuggestion({ label: 'Malieveld, Den Haag', kind: 'place' })).toEqual({ ...EMPTY_ADDRESS_PARTS, street: 'Malieveld', place: 'Den Haag' });
    expect(partsFromSuggestion({ label: 'hoek Spui / Kalvermarkt', kind: 'corner' }).street).toBe('hoek Spui / Kalvermarkt');
  });

  it('looks up typed fields by street and number, else postcode and number', () => {
    expect(searchTextFor({ street: 'Lange Voorhout', houseNumber: '36', postcode: '', place: 'Den Haag' })).toBe('Lange Voorhout 36, Den Haag');
    expect(searchTextFor({ ...EMPTY_ADDRESS_PARTS, postcode: '2514ee', houseNumber: '36' })).toBe('2514 EE 36');
    expect(searchTextFor({ ...EMPTY_ADDRESS_PARTS, postcode: '2514ee' })).toBe('');
  });

  it('an alert reads the first line of an address label', () => {
    expect(shortAddressLabel('Lange Voorhout 36, Den Haag')).toBe('Lange Voorhout 36');
    expect(shortAddressLabel('Malieveld')).toBe('Malieveld');
  });
});

describe('focus-area label spot', () => {
  it('sits on the top edge, in the middle of the west-east extent', () => {
    const square: [number, number][] = [
      [4.30, 52.07],
      [4.32, 52.07],
      [4.32, 52.09],
      [4.30, 52.09],
      [4.30, 52.07],
    ];
    const [lng, lat] = labelPoint([square]) ?? [0, 0];
    expect(lng).toBeCloseTo(4.31, 9);
    expect(lat).toBeCloseTo(52.09, 9);
    expect(labelPoint([[]])).toBeNull();
  });
});
