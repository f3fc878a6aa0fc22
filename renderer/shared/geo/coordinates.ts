/** Coordinates as people type and read them: a decimal comma is fine, six decimals is about 10 cm. Pure. */

/** Latitude and longitude as typed into a form (strings, so a half-typed value is kept). */
export interface LatLngText {
  lat: string;
  lng: string;
}

export interface LatLng {
  lat: number;
  lng: number;
}

/** Rounded to six decimals (what the map hands out and the forms show). */
export function roundCoordinate(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** A typed coordinate as a number ("52,07" works); NaN when empty or not a number. */
export function parseCoordinate(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text.replace(',', '.'));
}

/** Typed coordinates as a point on earth, rounded; null while either is missing, not a number or out of range. */
export function parseLatLngText(location: LatLngText): LatLng | null {
  const lat = parseCoordinate(location.lat);
  const lng = parseCoordinate(location.lng);
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) return null;
  return { lat: roundCoordinate(lat), lng: roundCoordinate(lng) };
}

/** "52.07990, 4.31130": a spot without an address. */
export function formatLatLng(lat: number, lng: number): string {
  return `${lat.toFixed(5)}, ${lng.toFixed(5)}`;
}
