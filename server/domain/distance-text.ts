import { type DomainText, textMaker } from './domain-text';

/** Dutch texts of distances, by code (see domain-text.ts). The English catalogue swaps the separators. */
export const DISTANCE_TEXTS = {
  'distance.unknown': 'onbekend',
  'distance.meters': '{meters} m',
  'distance.km_one_decimal': '{km},{tenth} km',
  'distance.km': '{km} km',
  'distance.km_thousands': '{thousands}.{rest} km',
} as const;

const say = textMaker(DISTANCE_TEXTS);

/**
 * A distance as a dispatcher reads it: "40 m", "850 m" (rounded to 10 m: a GPS fix is not more
 * precise than that), "1,2 km" (one decimal below 10 km), "12 km", "1.250 km". Not a finite,
 * non-negative number: "onbekend". The parts are integers, so each language writes its own separator.
 */
export function distanceText(meters: number): DomainText {
  if (!Number.isFinite(meters) || meters < 0) return say('distance.unknown');
  const tens = Math.round(meters / 10) * 10;
  if (tens < 1000) return say('distance.meters', { meters: tens });
  const tenths = Math.round(meters / 100);
  if (tenths < 100) return say('distance.km_one_decimal', { km: Math.floor(tenths / 10), tenth: tenths % 10 });
  const km = Math.round(meters / 1000);
  if (km < 1000) return say('distance.km', { km });
  // The earth is smaller than a million kilometres round: one group separator is enough.
  return say('distance.km_thousands', { thousands: Math.floor(km / 1000), rest: String(km % 1000).padStart(3, '0') });
}

/** The Dutch notation of `distanceText`. */
export function formatDistance(meters: number): string {
  return distanceText(meters).message;
}
