import type { ServiceRequestEntry } from './render';

/**
 * What anyone may read of a report over Open311 (README "Open311", "Who sees what"): only reports that came
 * in through Open311 are listed; for a sensitive category (overlast: its reports describe neighbours and
 * passers-by) the public answer has no description, address, status notes or media, and its coordinates
 * rounded to 3 decimals (about 100 m). The reporter, with the status token of their messages, reads it whole.
 */
export const PUBLIC_SOURCE = 'open311';
const DECIMALS = 3;

const round = (value: number) => Math.round(value * 10 ** DECIMALS) / 10 ** DECIMALS;

export function publicEntry(entry: ServiceRequestEntry, sensitive: boolean): ServiceRequestEntry {
  if (!sensitive) return entry;
  return { ...entry, description: null, address: null, status_notes: null, media_url: null, lat: round(entry.lat), long: round(entry.long) };
}

/** A report may be read whole with its citizen token, or publicly when it came in through Open311. */
export function readableAs(record: { id: string; source: string }, ownerReportId: string | undefined): 'owner' | 'public' | 'none' {
  if (ownerReportId !== undefined && ownerReportId === record.id) return 'owner';
  return record.source === PUBLIC_SOURCE ? 'public' : 'none';
}
