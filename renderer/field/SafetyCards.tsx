import { useState } from 'react';
import type { CheckIn, PriorityTraffic } from '../../server/protocol/safety';
import { useFieldI18n } from './messages';

/**
 * "Alles in orde?" with one tap (domain/safety-timers.ts): the answer resets the unit's safety timer and clears
 * the desk's alert. Without an answer the desk is alerted after 2 minutes. On top of everything but NOODKNOP.
 */
export function CheckInCard({ checkIn, onAnswer }: { checkIn: CheckIn | null; onAnswer: (id: string) => Promise<boolean> }) {
  const { t } = useFieldI18n();
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState(false);
  if (!checkIn) return null;
  const answer = async () => {
    setSending(true);
    setFailed(false);
    const ok = await onAnswer(checkIn.id);
    setSending(false);
    if (!ok) setFailed(true);
  };
  return (
    <section className={`f-section f-card f-checkin f-checkin-level-${checkIn.level}`} role="alertdialog" aria-labelledby="f-checkin-title" data-testid="field-check-in">
      <h2 id="f-checkin-title">{t('checkIn.question')}</h2>
      <p>{t('checkIn.hint')}</p>
      <button type="button" className="f-btn f-btn-primary f-checkin-ok" disabled={sending} onClick={() => void answer()} data-testid="field-check-in-ok">
        {t('checkIn.ok')}
      </button>
      {failed && (
        <p className="f-error" role="alert">
          {t('checkIn.failed')}
        </p>
      )}
    </section>
  );
}

/** Spoedmeldingen the hub sent this unit: shown until the desk lifts them. */
export function PriorityTrafficCards({ traffic }: { traffic: readonly PriorityTraffic[] }) {
  const { t } = useFieldI18n();
  if (traffic.length === 0) return null;
  return (
    <>
      {traffic.map((p) => (
        <section key={p.id} className="f-section f-card f-spoed" role="alert" data-testid="field-spoed" data-traffic-id={p.id}>
          <h2>{t('spoed.title')}</h2>
          <p className="f-spoed-text" data-testid="field-spoed-text">
            {p.text}
          </p>
          <p className="f-muted">{t('spoed.area', { area: p.areaName })}</p>
        </section>
      ))}
    </>
  );
}
