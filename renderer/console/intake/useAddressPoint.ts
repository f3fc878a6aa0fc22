/**
 * The intake form's address and map point kept honest with each other (issue 12):
 * - a chosen suggestion sets both at once;
 * - a point clicked on the map (or typed as coordinates) fills the nearest address, with its distance,
 *   unless the call-taker typed or chose the address themselves;
 * - an address typed or edited by hand is looked up, and flagged when it lies more than 25 m from the point.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { type LatLng, roundCoordinate } from '../../shared/geo/coordinates';
import { type AddressAgreement, agreement } from '../address/addressCheck';
import { type AddressParts, EMPTY_ADDRESS_PARTS, partsFromAddress, searchTextFor } from '../address/addressParts';
import { type ChosenAddress, isAddressUnavailable, useAddressLookups } from '../address/addressQueries';
import { useDebounced } from '../ui/useDebounced';

/** Where the address fields came from. */
export type AddressOrigin = 'none' | 'search' | 'reverse' | 'typed';

/** Typing in the address fields pauses this long before the address is looked up. */
const CHECK_DEBOUNCE_MS = 450;

export interface NearestInfo {
  state: 'looking' | 'found' | 'none' | 'unavailable';
  distanceM?: number;
}

const samePoint = (a: LatLng | null, b: LatLng | null) => a === b || (a !== null && b !== null && a.lat === b.lat && a.lng === b.lng);

export function useAddressPoint(at: LatLng | null, place: (at: LatLng) => void) {
  const { reverse, locate } = useAddressLookups();
  const [parts, setParts] = useState<AddressParts>(EMPTY_ADDRESS_PARTS);
  const [origin, setOrigin] = useState<AddressOrigin>('none');
  const [nearest, setNearest] = useState<NearestInfo | null>(null);
  /** Where the address search puts the address in the fields: undefined while unknown, null when not found. */
  const [addressAt, setAddressAt] = useState<LatLng | null | undefined>(undefined);
  const [checking, setChecking] = useState(false);
  /** The chosen address's house is not in the address list: its point is a neighbouring number's. */
  const [houseNotFound, setHouseNotFound] = useState(false);
  const originRef = useRef(origin);
  originRef.current = origin;
  /** The point this hook placed itself (a chosen suggestion): no reverse look-up for it. */
  const placedRef = useRef<LatLng | null>(null);

  // A new point from the map or typed coordinates: the nearest address, when the address is not the caller's own.
  useEffect(() => {
    if (!at || samePoint(at, placedRef.current)) return;
    placedRef.current = null;
    if (originRef.current === 'search' || originRef.current === 'typed') return;
    let current = true;
    setNearest({ state: 'looking' });
    reverse(at.lat, at.lng).then(
      (answer) => {
        if (!current || originRef.current === 'search' || originRef.current === 'typed') return;
        if (!answer.address) {
          setNearest({ state: 'none' });
          return;
        }
        const { address, distanceM } = answer;
        setParts(partsFromAddress(address));
        setHouseNotFound(false);
        setOrigin('reverse');
        setAddressAt({ lat: address.lat, lng: address.lng });
        setNearest({ state: 'found', distanceM: distanceM ?? undefined });
      },
      (err: unknown) => {
        if (current) setNearest({ state: isAddressUnavailable(err) ? 'unavailable' : 'none' });
      },
    );
    return () => {
      current = false;
    };
  }, [at, reverse]);

  // An address typed by hand: where is it? (debounced; compared with the point below)
  const typedText = origin === 'typed' ? searchTextFor(parts) : '';
  const settledText = useDebounced(typedText, CHECK_DEBOUNCE_MS);
  useEffect(() => {
    if (origin !== 'typed') return;
    if (!settledText) {
      setAddressAt(undefined);
      return;
    }
    let current = true;
    setChecking(true);
    const settle = (found: LatLng | null | undefined) => {
      if (!current) return;
      setAddressAt(found);
      setChecking(false);
    };
    locate(settledText).then(settle, () => settle(undefined));
    return () => {
      current = false;
    };
  }, [origin, settledText, locate]);

  const choose = useCallback(
    (chosen: ChosenAddress) => {
      // Six decimals, as a map click hands out (a corner's midpoint would read 4.316205999999999).
      const point = { lat: roundCoordinate(chosen.lat), lng: roundCoordinate(chosen.lng) };
      placedRef.current = point;
      setParts(chosen.parts);
      setHouseNotFound(chosen.houseFound === false);
      setOrigin('search');
      setNearest(null);
      setAddressAt(point);
      place(point);
    },
    [place],
  );

  const edit = useCallback((key: keyof AddressParts, value: string) => {
    setParts((p) => ({ ...p, [key]: value }));
    // Another street or number is no longer the one that was not found (a postcode or place is still about it).
    if (key === 'street' || key === 'houseNumber') setHouseNotFound(false);
    setOrigin('typed');
    setNearest(null);
  }, []);

  const reset = useCallback(() => {
    setParts(EMPTY_ADDRESS_PARTS);
    setHouseNotFound(false);
    setOrigin('none');
    setNearest(null);
    setAddressAt(undefined);
    placedRef.current = null;
  }, []);

  const moveToAddress = useCallback(() => {
    if (!addressAt) return;
    placedRef.current = addressAt;
    place(addressAt);
  }, [addressAt, place]);

  const pending = origin === 'typed' && (settledText !== typedText || checking);
  const check: AddressAgreement = pending ? { kind: 'none' } : agreement(at, addressAt);
  return { parts, origin, nearest, check, pending, houseNotFound, choose, edit, reset, moveToAddress };
}
