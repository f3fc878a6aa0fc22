import type { Report } from '../../../server/protocol/report';
import { formatLatLng } from '../../shared/geo/coordinates';

/** Where a report is, for people: its address, or its coordinates when it has none. */
export function locationText(report: Pick<Report, 'address' | 'lat' | 'lng'>): string {
  return report.address ?? formatLatLng(report.lat, report.lng);
}
