import { z } from 'zod';
import { CreateReportInput, type Report } from '../protocol/report';
import { recordOpen311Request } from '../store/open311';
import { writeReport } from './reports';
import { userCommand } from './run-command';

/** What an Open311 client sent beyond the report itself, stored next to it. */
const Open311Extras = z.object({
  apiKeyId: z.string(),
  attributes: z.array(z.object({ code: z.string(), values: z.array(z.string()) })),
  mediaUrl: z.string().optional(),
  deviceId: z.string().optional(),
  accountId: z.string().optional(),
});

/** A service request from an Open311 client app: the report and its Open311 extras in one transaction. */
export const createOpen311Request = userCommand({
  name: 'open311.request',
  access: 'report.create',
  // The report's fields stay at the top, so a refusal names them as for any report (errors.ts maps them back).
  input: CreateReportInput.extend({ open311: Open311Extras }),
  async apply(tx, { open311, ...input }, user): Promise<Report> {
    const report = await writeReport(tx, input, user);
    await recordOpen311Request(tx.trx, { reportId: report.id, ...open311, at: report.createdAt });
    return report;
  },
});
