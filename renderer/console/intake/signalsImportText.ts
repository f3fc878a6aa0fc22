/** How the CSV import dialog words errors, progress and column names. */
import { errorFields, errorMessage, type RenderText } from '../../shared/api/refusal';
import type { ImportProgress } from '../api/intake';
import type { MessageKey } from '../i18n';

/** The hub's refusal with its field details ("…: row 3 has no text; …"), in the console's language. */
export function errorText(e: unknown, render: RenderText): string {
  const message = errorMessage(e, render);
  const details = Object.values(errorFields(e, render) ?? {}).filter((m) => m !== message);
  return details.length > 0 ? `${message}: ${details.join('; ')}` : message;
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
