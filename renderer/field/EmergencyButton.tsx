import { type CSSProperties, type KeyboardEvent, type PointerEvent, useCallback, useEffect, useRef, useState } from 'react';
import { refusalMessage } from '../shared/api/refusal';
import { formatDateTime } from '../shared/i18n/core';
import type { FieldClient, FieldSnapshot } from './fieldClient';
import { useFieldI18n } from './messages';

/** How long the button must be held: long enough not to go off in a pocket, short enough under stress. */
export const HOLD_MS = 1500;

type Hint = 'idle' | 'holding' | 'too-short';

/**
 * The emergency button: one LONG press (pointer held, or Space/Enter held for keyboard and switch users)
 * sends `emergency` with the latest position. A progress ring fills while held; letting go early cancels.
 * A click alone does nothing.
 */
export function EmergencyButton({ client, snap }: { client: FieldClient; snap: FieldSnapshot }) {
  const { t, text, locale } = useFieldI18n();
  const [progress, setProgress] = useState(0);
  const [hint, setHint] = useState<Hint>('idle');
  const [commandId, setCommandId] = useState<string | null>(null);
  const startedAt = useRef<number | null>(null);
  const frame = useRef<number | null>(null);

  const stopAnimation = useCallback(() => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
  }, []);

  useEffect(() => stopAnimation, [stopAnimation]);

  const fire = useCallback(() => {
    stopAnimation();
    startedAt.current = null;
    setProgress(0);
    setHint('idle');
    setCommandId(client.emergency());
  }, [client, stopAnimation]);

  const tick = useCallback(() => {
    if (startedAt.current === null) return;
    const held = performance.now() - startedAt.current;
    if (held >= HOLD_MS) {
      fire();
      return;
    }
    setProgress(held / HOLD_MS);
    frame.current = requestAnimationFrame(tick);
  }, [fire]);

  const begin = useCallback(() => {
    if (startedAt.current !== null) return;
    startedAt.current = performance.now();
    setHint('holding');
    setProgress(0);
    frame.current = requestAnimationFrame(tick);
  }, [tick]);

  const cancel = useCallback(() => {
    if (startedAt.current === null) return;
    startedAt.current = null;
    stopAnimation();
    setProgress(0);
    setHint('too-short');
  }, [stopAnimation]);

  function onPointerDown(e: PointerEvent<HTMLButtonElement>) {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    begin();
  }

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>) {
    if (e.key !== ' ' && e.key !== 'Enter') return;
    e.preventDefault();
    if (!e.repeat) begin();
  }

  function onKeyUp(e: KeyboardEvent<HTMLButtonElement>) {
    if (e.key !== ' ' && e.key !== 'Enter') return;
    e.preventDefault();
    cancel();
  }

  const outcome = commandId ? snap.outcomes[commandId] : undefined;
  const inQueue = commandId !== null && snap.queue.some((q) => q.commandId === commandId);
  let status: { state: string; text: string } | null = null;
  // What the hub says of the unit's emergency comes first: 'sent' only until a console has seen it.
  const open = snap.emergency;
  const inEmergency = snap.unit?.status === 'noodgeval';
  if (open && open.state !== 'sent') {
    status = { state: 'seen', text: open.source === 'desk' ? t('emergency.byDesk') : t('emergency.seen') };
  } else if (commandId && outcome?.status === 'applied' && (open || inEmergency)) {
    status = { state: 'sent', text: t('emergency.sent', { time: formatDateTime(outcome.at, locale) }) };
  } else if (open || (inEmergency && !commandId)) {
    status = { state: 'sent', text: t('emergency.sent', { time: formatDateTime(snap.unit?.statusSince ?? new Date().toISOString(), locale) }) };
  } else if (commandId && outcome?.status === 'applied') {
    status = null;
  } else if (commandId && outcome?.status === 'refused') {
    status = { state: 'failed', text: t('emergency.failed', { message: refusalMessage(outcome.error, text) }) };
  } else if (commandId && inQueue) {
    status =
      snap.connection === 'online'
        ? { state: 'sending', text: t('emergency.sending') }
        : { state: 'queued', text: t('emergency.queued') };
  } else if (hint === 'too-short') {
    status = { state: 'too-short', text: t('emergency.tooShort') };
  }

  return (
    <footer className="f-emergency-bar">
      {status && (
        <p className={`f-emergency-status is-${status.state}`} data-testid="field-emergency-status" data-state={status.state} role="status">
          {status.text}
        </p>
      )}
      <button
        type="button"
        className={`f-emergency${hint === 'holding' ? ' is-holding' : ''}`}
        style={{ '--progress': progress } as CSSProperties}
        onPointerDown={onPointerDown}
        onPointerUp={cancel}
        onPointerCancel={cancel}
        onLostPointerCapture={cancel}
        onKeyDown={onKeyDown}
        onKeyUp={onKeyUp}
        onBlur={cancel}
        onContextMenu={(e) => e.preventDefault()}
        aria-describedby="f-emergency-help"
        data-testid="field-emergency"
        data-progress={progress.toFixed(2)}
      >
        <span className="f-emergency-ring" aria-hidden="true" />
        <span className="f-emergency-label">{t('emergency.button')}</span>
        <span id="f-emergency-help" className="f-emergency-help">
          {hint === 'holding' ? t('emergency.holding') : t('emergency.hold')}
        </span>
      </button>
    </footer>
  );
}
