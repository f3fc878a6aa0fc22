import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { shiftAt } from '../../../server/domain/shifts';
import type { ClientConfig } from '../../../server/protocol/api';
import type { Category } from '../../../server/protocol/report';
import { NOTES_MAX, type ShiftReport } from '../../../server/protocol/shift-report';
import { errorMessage } from '../../shared/api/refusal';
import { useCan } from '../../shared/auth/useCan';
import { openShiftReportPdf, shiftLeadApi, shiftLeadKeys, useShiftDraft, useShiftReport, useShiftReports } from '../api/shiftLead';
import { formatDateTime, formatShortDate, useI18n } from '../i18n';
import { Loading } from '../ui/Loading';
import { ShiftReportSheet } from './ShiftReportSheet';
import './shiftReport.css';

type Shown = { kind: 'current' } | { kind: 'previous' } | { kind: 'saved'; id: string };

/**
 * Dienstrapport, full screen over the console: the report of the shift on now (or the one before, written just
 * after the change), the shift lead's notes and Save (Ctrl+Enter); the saved reports, each readable again with
 * its PDF; Afdrukken prints the sheet alone (print CSS). Esc closes.
 */
export function ShiftReportView({ config, categories, onClose }: { config: ClientConfig; categories: ReadonlyMap<string, Category>; onClose: () => void }) {
  const { t, text, locale } = useI18n();
  const writes = useCan('shift_report.write');
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<Shown>({ kind: 'current' });
  const current = useShiftDraft(null);
  const shifts = config.safety?.shifts ?? null;
  const previousShift = useMemo(() => {
    if (!current.data || !shifts) return null;
    const settings = { starts: { vroeg: shifts.vroeg, laat: shifts.laat, nacht: shifts.nacht }, timeZone: shifts.timeZone };
    return shiftAt(new Date(Date.parse(current.data.startsAt) - 60_000), settings);
  }, [current.data, shifts]);
  const previous = useShiftDraft(shown.kind === 'previous' ? previousShift : null);
  const saved = useShiftReport(shown.kind === 'saved' ? shown.id : null);
  const list = useShiftReports();
  const draft = shown.kind === 'previous' ? previous : current;
  const [notes, setNotes] = useState('');
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [lastSaved, setLastSaved] = useState<ShiftReport | null>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      before?.focus({ preventScroll: true });
    };
  }, [onClose]);

  const content = shown.kind === 'saved' ? saved.data : draft.data;
  const pending = shown.kind === 'saved' ? saved.isPending : draft.isPending;
  const failed = shown.kind === 'saved' ? saved.error : draft.error;

  const save = async () => {
    if (!content || shown.kind === 'saved' || saving) return;
    setSaving(true);
    setNotice(null);
    try {
      const report = await shiftLeadApi.save({ date: content.date, shift: content.shift, notes });
      setLastSaved(report);
      setNotice({ ok: true, text: t('shiftReport.saved', { time: formatDateTime(report.savedAt, locale) }) });
      void queryClient.invalidateQueries({ queryKey: shiftLeadKeys.list });
    } catch (err) {
      setNotice({ ok: false, text: t('shiftReport.saveFailed', { message: errorMessage(err, text) }) });
    } finally {
      setSaving(false);
    }
  };

  const pdf = async (id: string) => {
    try {
      await openShiftReportPdf(id);
    } catch (err) {
      setNotice({ ok: false, text: t('shiftReport.pdfFailed', { message: errorMessage(err, text) }) });
    }
  };

  const savedId = shown.kind === 'saved' ? shown.id : lastSaved && content && lastSaved.date === content.date && lastSaved.shift === content.shift ? lastSaved.id : null;

  return (
    <div className="full-view shift-view" role="dialog" aria-modal="true" aria-labelledby="shift-view-title" data-testid="shift-report-view">
      <div className="shift-view-head no-print">
        <h2 id="shift-view-title">{t('shiftReport.title')}</h2>
        <fieldset className="shift-view-tabs" aria-label={t('shiftReport.which')}>
          <button type="button" className="btn btn-small" aria-pressed={shown.kind === 'current'} onClick={() => setShown({ kind: 'current' })} data-testid="shift-current">
            {t('shiftReport.current')}
          </button>
          <button
            type="button"
            className="btn btn-small"
            aria-pressed={shown.kind === 'previous'}
            onClick={() => setShown({ kind: 'previous' })}
            disabled={!previousShift}
            data-testid="shift-previous"
          >
            {t('shiftReport.previous')}
          </button>
        </fieldset>
        <span className="row-spacer" />
        <button type="button" className="btn btn-small" onClick={() => window.print()} disabled={!content} data-testid="shift-print">
          {t('shiftReport.print')}
        </button>
        {savedId && (
          <button type="button" className="btn btn-small" onClick={() => void pdf(savedId)} data-testid="shift-pdf">
            {t('shiftReport.pdf')}
          </button>
        )}
        <button type="button" className="btn btn-ghost btn-small" ref={closeRef} onClick={onClose} data-testid="shift-report-close">
          {t('shiftReport.close')} <kbd>Esc</kbd>
        </button>
      </div>
      <div className="shift-view-body">
        <div className="shift-view-main">
          {pending && <Loading label={t('shiftReport.loading')} />}
          {failed && (
            <p className="field-error" role="alert">
              {t('shiftReport.failed', { message: errorMessage(failed, text) })}
            </p>
          )}
          {content && (
            <>
              <ShiftReportSheet content={content} categories={categories} notes={shown.kind === 'saved' && saved.data ? saved.data.notes : undefined} />
              {shown.kind === 'saved' && saved.data && (
                <p className="muted small">{t('shiftReport.writtenBy', { name: saved.data.writtenByName, at: formatDateTime(saved.data.savedAt, locale) })}</p>
              )}
              {shown.kind !== 'saved' && writes && (
                <form
                  className="shift-notes-form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void save();
                  }}
                >
                  <label htmlFor="shift-notes">
                    <strong>{t('shiftReport.notes')}</strong>
                  </label>
                  <textarea
                    id="shift-notes"
                    rows={6}
                    maxLength={NOTES_MAX}
                    value={notes}
                    onChange={(e) => setNotes(e.target.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                        e.preventDefault();
                        void save();
                      }
                    }}
                    data-testid="shift-notes-input"
                  />
                  {/* On paper the typed notes stand in the sheet's place for them. */}
                  <p className="print-only shift-notes">{notes || t('shiftReport.notesEmpty')}</p>
                  <p className="muted small no-print">{t('shiftReport.notesHint')}</p>
                  <div className="no-print shift-save-row">
                    <button type="submit" className="btn btn-primary" disabled={saving} data-testid="shift-save">
                      {saving && <span className="spinner" aria-hidden="true" />}
                      {saving ? t('shiftReport.saving') : t('shiftReport.save')}
                    </button>
                    {notice && (
                      <span className={notice.ok ? 'notice-ok' : 'field-error'} role={notice.ok ? 'status' : 'alert'} data-testid="shift-notice">
                        {notice.text}
                      </span>
                    )}
                  </div>
                </form>
              )}
              {shown.kind === 'saved' && (
                <button type="button" className="btn btn-small no-print" onClick={() => setShown({ kind: 'current' })}>
                  {t('shiftReport.back')}
                </button>
              )}
            </>
          )}
        </div>
        <aside className="shift-view-history no-print" aria-label={t('shiftReport.history')}>
          <h3>{t('shiftReport.history')}</h3>
          {list.isPending && <Loading label={t('shiftReport.loading')} />}
          {list.data && list.data.reports.length === 0 && <p className="muted small">{t('shiftReport.historyEmpty')}</p>}
          <ul className="shift-history" data-testid="shift-history">
            {list.data?.reports.map((r) => (
              <li key={r.id}>
                <button type="button" className="btn btn-ghost btn-small" aria-pressed={shown.kind === 'saved' && shown.id === r.id} onClick={() => setShown({ kind: 'saved', id: r.id })}>
                  {t('shiftReport.historyRow', { date: formatShortDate(r.date, locale), shift: t(`shiftReport.shift.${r.shift}`), by: r.writtenByName })}
                </button>
                {r.acknowledged && <span className="muted small"> · {t('shiftReport.acknowledged')}</span>}
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </div>
  );
}
