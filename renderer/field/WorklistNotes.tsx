import { useEffect, useState } from 'react';
import type { AddressNote } from '../../server/protocol/report-context';
import { urlFor } from '../shared/api/call';
import { getSession } from '../shared/api/client';
import { hubOrigin } from '../shared/bridge';
import { formatDateTime } from '../shared/i18n/core';
import { useFieldI18n } from './messages';

const CACHE_PREFIX = 'meldkamer.field.notes.';

/**
 * The control room's notes on the address or area of a report this unit has ("hond aanwezig"): officer safety,
 * so shown on the assignment and kept on the device for when the connection is gone. The hub answers only for a
 * report offered to or accepted by this unit, and only notes that are still valid; an expired cached note is hidden.
 */
export function WorklistNotes({ reportId, now }: { reportId: string; now: number }) {
  const { t, locale } = useFieldI18n();
  const [notes, setNotes] = useState<AddressNote[]>(() => {
    try {
      return JSON.parse(localStorage.getItem(CACHE_PREFIX + reportId) ?? '[]') as AddressNote[];
    } catch {
      return [];
    }
  });
  useEffect(() => {
    const controller = new AbortController();
    const token = getSession()?.token ?? '';
    fetch(hubOrigin() + urlFor('field.reportNotes', { id: reportId }), {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      signal: controller.signal,
    })
      .then(async (res) => {
        if (!res.ok) return;
        const body = (await res.json()) as { notes: AddressNote[] };
        setNotes(body.notes);
        try {
          localStorage.setItem(CACHE_PREFIX + reportId, JSON.stringify(body.notes));
        } catch {
          // no storage: shown while online only
        }
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [reportId]);
  const valid = notes.filter((n) => Date.parse(n.expiresAt) > now);
  if (valid.length === 0) return null;
  return (
    <div className="f-notes" role="note" data-testid="field-report-notes">
      <strong>{t('notes.title')}</strong>
      <ul>
        {valid.map((note) => (
          <li key={note.id} data-testid="field-report-note">
            {note.text}
            <span className="f-muted f-small"> · {t('notes.until', { date: formatDateTime(note.expiresAt, locale) })}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
