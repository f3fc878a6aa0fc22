import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { Category, Report } from '../../../server/protocol/report';
import type { AddressNote, ReportContext } from '../../../server/protocol/report-context';
import { call } from '../../shared/api/call';
import { useCan } from '../../shared/auth/useCan';
import { formatDateTime, formatLongDate, useI18n } from '../i18n';
import { categoryName } from '../ui/categoryName';
import { useFormErrors } from '../ui/useFormErrors';

/** Under the report's detail key: a hub event about the report reloads the context with it. */
const contextKey = (reportId: string) => ['report', reportId, 'context'] as const;

const RADII = [25, 50, 100, 250] as const;
const DAY_MS = 86_400_000;

/** YYYY-MM-DD of a moment in the browser's time zone. */
function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * A report's context: other reports within 50 m of the last 4 weeks (each opens), the reporter's history (counts,
 * for the roles that may see reporter data; the hub leaves it out for others) and the valid notes on the address
 * or area. The desk adds a note with a required expiry (at most a year ahead; the hub checks) or deletes one.
 */
export function ContextPanel({ report, categories, onOpenReport }: { report: Report; categories: ReadonlyMap<string, Category>; onOpenReport?: (id: string) => void }) {
  const { t, locale } = useI18n();
  const canWrite = useCan('address_notes.write');
  const query = useQuery({
    queryKey: contextKey(report.id),
    queryFn: ({ signal }) => call('reports.context', { id: report.id }, undefined, { signal }),
    staleTime: 30_000,
  });
  const [adding, setAdding] = useState(false);
  const data = query.data;

  return (
    <section className="detail-section context-panel" aria-label={t('context.title')} data-testid="context-panel" id="report-context" tabIndex={-1}>
      <h3>{t('context.title')}</h3>
      {query.isPending ? (
        <p className="muted small">{t('context.loading')}</p>
      ) : query.isError && !data ? (
        <p className="form-error small">{t('context.error', { message: query.error.message })}</p>
      ) : data ? (
        <>
          <NoteList notes={data.notes} reportId={report.id} canDelete={canWrite} />
          {canWrite &&
            (adding ? (
              <NoteForm report={report} onDone={() => setAdding(false)} />
            ) : (
              <button type="button" className="btn btn-small" onClick={() => setAdding(true)} data-testid="context-note-add">
                {t('context.noteAdd')}
              </button>
            ))}
          <h4>{t('context.nearby', { radius: data.radiusMeters, days: data.periodDays })}</h4>
          {data.nearby.length === 0 ? (
            <p className="muted small">{t('context.nearbyNone', { radius: data.radiusMeters, days: data.periodDays })}</p>
          ) : (
            <ul className="context-nearby" data-testid="context-nearby">
              {data.nearby.map((r) => (
                <li key={r.id}>
                  <button type="button" className="link-button" onClick={() => onOpenReport?.(r.id)} disabled={!onOpenReport} data-number={r.number}>
                    {t('context.nearbyItem', {
                      number: r.number,
                      category: categoryName(categories, r.category, locale),
                      status: t(`status.${r.status}`),
                      distance: r.distanceMeters,
                      date: formatDateTime(r.createdAt, locale),
                    })}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <ReporterLine history={data.reporterHistory} hasReporter={report.hasReporter} />
        </>
      ) : null}
    </section>
  );
}

function ReporterLine({ history, hasReporter }: { history: ReportContext['reporterHistory']; hasReporter: boolean }) {
  const { t } = useI18n();
  // Null for roles without reporter data: nothing is said then, not even that there is none.
  const mayRead = useCan('contacts.read');
  if (!mayRead) return null;
  return (
    <>
      <h4>{t('context.reporter')}</h4>
      <p className="small" data-testid="context-reporter">
        {history ? t('context.reporterHistory', history) : hasReporter ? '—' : t('context.reporterNone')}
      </p>
    </>
  );
}

function NoteList({ notes, reportId, canDelete }: { notes: readonly AddressNote[]; reportId: string; canDelete: boolean }) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: string) => call('addressNotes.delete', { id }),
    onSettled: () => client.invalidateQueries({ queryKey: contextKey(reportId) }),
  });
  return (
    <>
      <h4>{t('context.notes')}</h4>
      {notes.length === 0 ? (
        <p className="muted small">{t('context.notesNone')}</p>
      ) : (
        <ul className="context-notes" data-testid="context-notes">
          {notes.map((note) => (
            <li key={note.id} className="context-note" data-testid="context-note">
              <strong>{note.text}</strong>
              <span className="muted small">
                {[note.label, t('context.noteRadius', { radius: note.radiusMeters }), t('context.noteUntil', { date: formatLongDate(note.expiresAt.slice(0, 10), locale) }), note.createdByName ? t('context.noteBy', { name: note.createdByName }) : null]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
              {canDelete && (
                <button
                  type="button"
                  className="btn btn-ghost btn-small"
                  aria-label={t('context.noteDelete')}
                  title={t('context.noteDelete')}
                  disabled={remove.isPending}
                  onClick={() => {
                    if (window.confirm(t('context.noteDeleteConfirm', { text: note.text }))) remove.mutate(note.id);
                  }}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function NoteForm({ report, onDone }: { report: Report; onDone: () => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const { refused, clear, field, error } = useFormErrors();
  const today = Date.now();
  const [text, setText] = useState('');
  const [label, setLabel] = useState(report.address ?? '');
  const [radius, setRadius] = useState<number>(25);
  const [expires, setExpires] = useState(localDay(today + 30 * DAY_MS));
  const save = useMutation({
    mutationFn: () =>
      call('addressNotes.create', {}, {
        lat: report.lat,
        lng: report.lng,
        radiusMeters: radius,
        ...(label.trim() ? { label: label.trim() } : {}),
        text,
        // Valid through the chosen day, in the desk's time zone.
        expiresAt: expires ? new Date(`${expires}T23:59:59`).toISOString() : '',
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: contextKey(report.id) });
      onDone();
    },
    onError: refused,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    clear();
    save.mutate();
  };
  return (
    <form className="context-note-form" onSubmit={submit} data-testid="context-note-form">
      <label>
        {t('context.noteText')}
        <input value={text} onChange={(e) => setText(e.target.value)} placeholder={t('context.notePlaceholder')} maxLength={500} autoFocus {...field('text')} />
        {error('text')}
      </label>
      <label>
        {t('context.noteLabel')}
        <input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={200} {...field('label')} />
        {error('label')}
      </label>
      <label>
        {t('context.noteRadiusLabel')}
        <select value={radius} onChange={(e) => setRadius(Number(e.target.value))}>
          {RADII.map((r) => (
            <option key={r} value={r}>
              {r} m
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('context.noteExpires')}
        <input
          type="date"
          required
          value={expires}
          min={localDay(today + DAY_MS)}
          max={localDay(today + 365 * DAY_MS)}
          onChange={(e) => setExpires(e.target.value)}
          data-testid="context-note-expires"
          {...field('expiresAt')}
        />
        <span className="muted small">{t('context.noteExpiresHint')}</span>
        {error('expiresAt')}
      </label>
      {error('form')}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={save.isPending}>
          {t('context.noteSave')}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={onDone}>
          {t('context.noteCancel')}
        </button>
      </div>
    </form>
  );
}
