/** How the CSV import dialog words errors, progress and column names. */
import { ApiRequestError } from '../../shared/api/client';
import type { ImportProgress } from '../api/intake';
import type { MessageKey } from '../i18n';

/** The hub's message with its field details ("…: rij 3 mist tekst; …"). */
export function errorText(e: unknown): string {
  if (e instanceof ApiRequestError && e.fields) {
    const details = Object.values(e.fields).filter((m) => m !== e.message);
    return details.length > 0 ? `${e.message}: ${details.join('; ')}` : e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

export function uploadPercent(p: ImportProgress): number {
  return p.phase === 'upload' && p.total > 0 ? Math.min(100, Math.round((p.loaded / p.total) * 100)) : 0;
}

const COLUMN_LABELS: Record<string, MessageKey> = {
  text: 'signals.col.text',
  lat: 'signals.col.lat',
  lng: 'signals.col.lng',
  occurredAt: 'signals.col.occurredAt',
  place: 'signals.col.place',
  externalId: 'signals.col.externalId',
  columns: 'signals.columns',
};

/** A rejected row's field as the user knows it (the mapped column's label), else the hub's name. */
export function columnLabel(t: (key: MessageKey) => string, field: string): string {
  const key = COLUMN_LABELS[field];
  return key ? t(key) : field;
}
