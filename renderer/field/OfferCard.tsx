import { useState } from 'react';
import { secondsLeft } from '../../server/domain/offers';
import { categoryLabel } from '../../server/domain/resolution-codes';
import type { FieldAssignment } from '../../server/protocol/socket';
import { refusalMessage } from '../shared/api/refusal';
import { useClock } from '../shared/time/useClock';
import type { OfferAnswerResult } from './fieldClient';
import { useFieldI18n } from './messages';

/** An open offer with its countdown (hub time: device clock plus the skew measured at `field:state`). */
export function OfferCard({
  entry,
  skewMs,
  online,
  onAnswer,
}: {
  entry: FieldAssignment;
  skewMs: number;
  online: boolean;
  onAnswer: (answer: 'accept' | 'decline') => Promise<OfferAnswerResult>;
}) {
  const { t, shared, text, locale } = useFieldI18n();
  const { now } = useClock(250);
  const { assignment, report } = entry;
  const [busy, setBusy] = useState<'accept' | 'decline' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const left = secondsLeft(assignment, new Date(now + skewMs));
  const total = Math.max(1, (Date.parse(assignment.expiresAt) - Date.parse(assignment.offeredAt)) / 1000);
  const fraction = Math.min(1, Math.max(0, left / total));
  const expired = left === 0;

  async function answer(kind: 'accept' | 'decline') {
    if (busy) return;
    setBusy(kind);
    setError(null);
    const result = await onAnswer(kind);
    setBusy(null);
    if (!result.ok) setError(result.error.code === 'timeout' ? t('offer.timeout') : refusalMessage(result.error, text));
  }

  return (
    <article
      className={`f-card f-offer f-prio-${report.priority}${expired ? ' is-expired' : ''}`}
      data-testid="field-offer"
      data-assignment-id={assignment.id}
      data-report-id={report.id}
    >
      <div className="f-offer-top">
        <span className={`f-prio f-prio-badge-${report.priority}`}>{shared(`priority.${report.priority}`)}</span>
        <span className="f-number">{report.number}</span>
        <span className="f-spacer" />
        <span
          className={`f-countdown${left <= 10 ? ' is-urgent' : ''}`}
          data-testid="field-offer-countdown"
          data-seconds={left}
          role="timer"
          aria-live="off"
        >
          {expired ? t('offer.expired') : t('offer.secondsLeft', { n: left })}
        </span>
      </div>
      <div className="f-countdown-bar" aria-hidden="true">
        <span style={{ width: `${fraction * 100}%` }} />
      </div>
      <h3 className="f-offer-category">{categoryLabel(report.category, locale)}</h3>
      {report.address && <p className="f-address">{report.address}</p>}
      <p className="f-description">{report.description}</p>
      {error && (
        <p className="f-error" role="alert" data-testid="field-offer-error">
          {error}
        </p>
      )}
      {!online && !expired && <p className="f-muted">{t('offer.needsConnection')}</p>}
      <div className="f-offer-actions">
        <button
          type="button"
          className="f-btn f-btn-secondary"
          disabled={expired || !online || busy !== null}
          onClick={() => answer('decline')}
          data-testid="field-offer-decline"
        >
          {busy === 'decline' ? t('offer.busy') : t('offer.decline')}
        </button>
        <button
          type="button"
          className="f-btn f-btn-primary"
          disabled={expired || !online || busy !== null}
          onClick={() => answer('accept')}
          data-testid="field-offer-accept"
        >
          {busy === 'accept' ? t('offer.busy') : t('offer.accept')}
        </button>
      </div>
    </article>
  );
}
