import { useMemo } from 'react';
import { useRevealContacts } from '../api/privacy';
import type { ContactsReveal } from './ReporterContacts';

/** The detail panel's "toon contactgegevens": fetched (and logged by the hub) only on the click, kept while the panel is open. */
export function useContactsReveal(reportId: string): ContactsReveal & { recipients: ReadonlyMap<string, string | null> | undefined } {
  const mutation = useRevealContacts();
  const { data, isPending, error, mutate } = mutation;
  const recipients = useMemo(() => (data ? new Map(data.recipients.map((r) => [r.messageId, r.recipient])) : undefined), [data]);
  return { data, pending: isPending, error: error?.message ?? null, reveal: () => mutate(reportId), recipients };
}
