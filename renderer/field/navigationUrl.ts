/** Directions to the report in OpenStreetMap (opens the phone's browser or map app); six decimals is about 10 cm. */
export function navigationUrl(lat: number, lng: number): string {
  return `https://www.openstreetmap.org/directions?to=${lat.toFixed(6)},${lng.toFixed(6)}`;
}
