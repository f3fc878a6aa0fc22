import { useMemo } from 'react';
import { errorMessage } from '../../shared/api/refusal';
import { useRevealContacts } from '../api/privacy';
import { useI18n } from '../i18n';
import type { ContactsReveal } from './ReporterContacts';

/** The detail panel's "toon contactgegevens": fetched (and logged by the hub) only on the click, kept while the panel is open. */
export function useContactsReveal(reportId: string): ContactsReveal & { recipients: ReadonlyMap<string, string | null> | undefined } {
  const { text } = useI18n();
  const mutation = useRevealContacts();
  const { data, isPending, error, mutate } = mutation;
  const recipients = useMemo(() => (data ? new Map(data.recipients.map((r) => [r.messageId, r.recipient])) : undefined), [data]);
  return { data, pending: isPending, error: error ? errorMessage(error, text) : null, reveal: () => mutate(reportId), recipients };
}
