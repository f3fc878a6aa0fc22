import type { QueueRow } from '../../../server/protocol/report-queue';

/** "M-000123", "m-123", "123" → the report with that number (leading zeros and the prefix optional). */
export function findByNumber(reports: readonly QueueRow[], typed: string): QueueRow | undefined {
  const needle = typed.trim().toUpperCase();
  if (!needle) return undefined;
  const exact = reports.find((r) => r.number.toUpperCase() === needle);
  if (exact) return exact;
  const digits = needle.replace(/\D/g, '').replace(/^0+/, '');
  if (!digits) return undefined;
  return reports.find((r) => r.number.replace(/\D/g, '').replace(/^0+/, '') === digits);
}
