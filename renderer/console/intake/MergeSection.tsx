/**
 * The shift lead marks a report as a duplicate of another open report ("Markeer als dubbel van…"):
 * the original is chosen by its number or from the open reports of the same category nearby. The hub
 * closes the duplicate with outcome `duplicate` and its reporters follow the original from then on.
 */
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import type { ReportDetail } from '../../../server/protocol/detail';
import type { MergeResponse } from '../../../server/protocol/intake';
import type { QueueRow } from '../../../server/protocol/report-queue';
import { errorFields, errorMessage } from '../../shared/api/refusal';
import { useCan } from '../../shared/auth/useCan';
import { intakeApi, useNearbyReports } from '../api/intake';
import { queryKeys, upsertReportInCache, useOpenReports } from '../api/queries';
import { Field } from '../ui/Field';
import { Loading } from '../ui/Loading';
import { useI18n } from '../i18n';
import { findByNumber } from './findByNumber';
import { formatDistance } from './formatDistance';

/** Whether the report may be marked as a duplicate now: the lifecycle offers closing it as `duplicate`. */
export function mergeOffered(detail: ReportDetail): boolean {
  return detail.transitions.some((tr) => tr.to === 'closed' && tr.outcomes.includes('duplicate'));
}

interface MergeSectionProps {
  detail: ReportDetail;
  onOpenReport?: (id: string) => void;
}

export function MergeSection({ detail, onOpenReport }: MergeSectionProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<MergeResponse | null>(null);
  const allowed = useCan('report.merge') && mergeOffered(detail);
  if (!allowed && !done) return null;

  return (
    <div className="merge-section">
      {allowed && (
        <button
          type="button"
          className={`btn btn-form${open ? ' active' : ''}`}
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
          data-testid="merge-open"
        >
          {t('merge.open')}
        </button>
      )}
      {open && allowed && (
        <MergeForm
          detail={detail}
          onCancel={() => setOpen(false)}
          onDone={(result) => {
            setOpen(false);
            setDone(result);
          }}
        />
      )}
      {done && (
        <div className="notice detail-notice" role="status" data-testid="merge-done">
          <p>
            {t('merge.done', {
              number: done.duplicate.number,
              original: done.original.number,
              n: done.movedReporters,
            })}
          </p>
          {onOpenReport && (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => onOpenReport(done.original.id)}
              data-testid="merge-open-original"
            >
              {t('merge.openOriginal', { number: done.original.number })}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function MergeForm({
  detail,
  onCancel,
  onDone,
}: {
  detail: ReportDetail;
  onCancel: () => void;
  onDone: (result: MergeResponse) => void;
}) {
  const { t, text } = useI18n();
  const queryClient = useQueryClient();
  const { report } = detail;
  const openReports = useOpenReports(true).data?.reports;
  const nearby = useNearbyReports(report.category, { lat: report.lat, lng: report.lng }, report.id);
  const [typed, setTyped] = useState('');
  const [pickedId, setPickedId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [saving, setSaving] = useState(false);

  const others = useMemo(() => (openReports ?? []).filter((r) => r.id !== report.id), [openReports, report.id]);
  const byNumber = typed.trim() ? findByNumber(others, typed) : undefined;
  const original: QueueRow | undefined = byNumber ?? others.find((r) => r.id === pickedId);
  const typedUnknown = typed.trim() !== '' && !byNumber;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    if (!original) {
      setFieldError(typedUnknown ? t('merge.unknown', { number: typed.trim() }) : t('merge.choose'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const result = await intakeApi.merge(report.id, { originalId: original.id, expectedVersion: report.version });
      upsertReportInCache(queryClient, result.duplicate);
      upsertReportInCache(queryClient, result.original);
      void queryClient.invalidateQueries({ queryKey: queryKeys.reportDetail(result.duplicate.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.reportDetail(result.original.id) });
      onDone(result);
    } catch (e) {
      const original = errorFields(e, text)?.originalId;
      if (original) setFieldError(original);
      setError(t('merge.failed', { message: errorMessage(e, text) }));
    } finally {
      setSaving(false);
    }
  };

  const candidates = nearby.data?.reports ?? [];
  return (
    <form className="merge-form" onSubmit={(e) => void submit(e)} data-testid="merge-form" noValidate>
      <h4>{t('merge.title', { number: report.number })}</h4>
      <Field label={t('merge.number')} error={fieldError} name="originalId">
        {(id) => (
          <input
            id={id}
            value={typed}
            placeholder={t('merge.numberPlaceholder')}
            autoComplete="off"
            onChange={(e) => {
              setTyped(e.target.value);
              setFieldError(undefined);
              setPickedId(null);
            }}
            aria-invalid={!!fieldError}
            data-testid="merge-number"
          />
        )}
      </Field>
      <p className="muted small">{t('merge.nearby')}</p>
      {nearby.isPending ? (
        <Loading label={t('intake.loading')} inline />
      ) : candidates.length === 0 ? (
        <p className="muted small" data-testid="merge-no-candidates">
          {t('merge.noCandidates', { radius: nearby.data?.radiusMeters ?? 50 })}
        </p>
      ) : (
        <ul className="merge-candidates">
          {candidates.map(({ report: c, distanceMeters }) => (
            <li key={c.id}>
              <label className={`merge-candidate${original?.id === c.id ? ' selected' : ''}`}>
                <input
                  type="radio"
                  name="merge-original"
                  checked={original?.id === c.id}
                  onChange={() => {
                    setPickedId(c.id);
                    setTyped('');
                    setFieldError(undefined);
                  }}
                  data-testid="merge-candidate"
                  data-report-id={c.id}
                />
                <strong>{c.number}</strong>
                <span className={`status-pill status-${c.status}`}>{t(`status.${c.status}`)}</span>
                <span className="muted small">{formatDistance(distanceMeters)}</span>
                <span className="merge-candidate-text small">{c.address ?? c.description}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {original && (
        <p className="merge-choice small" data-testid="merge-choice" data-report-id={original.id}>
          {t('merge.explain', { number: report.number, original: original.number })}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="merge-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn btn-ghost" onClick={onCancel} data-testid="merge-cancel">
          {t('res.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={saving || !original} data-testid="merge-submit">
          {saving && <span className="spinner" aria-hidden="true" />}
          {t('merge.submit')}
        </button>
      </div>
    </form>
  );
}
