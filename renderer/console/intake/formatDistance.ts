/** A short distance between two reports: "3,5 m" below 10 m, else whole metres ("48 m"). */
export function formatDistance(meters: number): string {
  return meters < 10 ? `${meters.toFixed(1).replace('.', ',')} m` : `${Math.round(meters)} m`;
}
