import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { Category } from '../../../server/protocol/report';
import { errorMessage } from '../../shared/api/refusal';
import { useCan } from '../../shared/auth/useCan';
import { shiftLeadApi, shiftLeadKeys, useHandover } from '../api/shiftLead';
import { formatDateTime, useI18n } from '../i18n';
import { ShiftReportSheet } from './ShiftReportSheet';
import './shiftReport.css';

/**
 * Overdracht: at sign-in the shift lead sees the previous shift's report (someone else's, not yet acknowledged)
 * before the console. "Gelezen" acknowledges it on the hub (it is not shown again, and stays under Dienstrapport);
 * "Later lezen" only closes it for now: it comes back at the next sign-in until acknowledged.
 */
export function HandoverDialog({ categories }: { categories: ReadonlyMap<string, Category> }) {
  const { t, text, locale } = useI18n();
  const mayTakeOver = useCan('shift_report.handover');
  const handover = useHandover(mayTakeOver);
  const queryClient = useQueryClient();
  const [dismissed, setDismissed] = useState(false);
  const [acking, setAcking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ackRef = useRef<HTMLButtonElement>(null);
  const report = handover.data?.report ?? null;
  const open = Boolean(report) && !dismissed;

  useEffect(() => {
    if (open) ackRef.current?.focus();
  }, [open]);
  if (!open || !report) return null;

  const acknowledge = async () => {
    setAcking(true);
    setError(null);
    try {
      await shiftLeadApi.acknowledge(report.id);
      queryClient.setQueryData(shiftLeadKeys.handover, { report: null });
      void queryClient.invalidateQueries({ queryKey: shiftLeadKeys.list });
    } catch (err) {
      setError(t('handover.ackFailed', { message: errorMessage(err, text) }));
    } finally {
      setAcking(false);
    }
  };

  return (
    <div className="shortcuts-backdrop handover-backdrop">
      <div
        className="handover-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="handover-title"
        data-testid="handover-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') setDismissed(true);
        }}
      >
        <div className="shift-view-head">
          <h2 id="handover-title">{t('handover.title')}</h2>
          <span className="muted small">{t('shiftReport.writtenBy', { name: report.writtenByName, at: formatDateTime(report.savedAt, locale) })}</span>
        </div>
        <p className="small">{t('handover.intro')}</p>
        <div className="handover-body">
          <ShiftReportSheet content={report} categories={categories} notes={report.notes} />
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="shift-save-row">
          <button type="button" className="btn btn-primary" ref={ackRef} onClick={() => void acknowledge()} disabled={acking} data-testid="handover-ack">
            {acking && <span className="spinner" aria-hidden="true" />}
            {acking ? t('handover.acking') : t('handover.ack')}
          </button>
          <button type="button" className="btn btn-ghost" onClick={() => setDismissed(true)} data-testid="handover-later">
            {t('handover.later')} <kbd>Esc</kbd>
          </button>
        </div>
      </div>
    </div>
  );
}
