import { isFollowUpDue } from '../../../server/domain/lifecycle';
import type { Report } from '../../../server/protocol/report';

/** "vervolg vandaag": scheduled and the follow-up date is today (`YYYY-MM-DD`, local) or has passed. */
export function followUpDue(report: Pick<Report, 'status' | 'followUpDate'>, today: string): boolean {
  return report.status === 'scheduled' && report.followUpDate !== null && isFollowUpDue(report.followUpDate, today);
}
