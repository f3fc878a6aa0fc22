import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { PriorityTraffic } from '../../../server/protocol/safety';
import { call } from '../../shared/api/call';
import { useCan } from '../../shared/auth/useCan';
import { localDate } from '../../shared/time/calendar';
import { dispatchKeys, useTasking } from '../api/dispatchQueries';
import { formatDateTime, useI18n } from '../i18n';
import { Field } from '../ui/Field';
import { playTone } from './alertSound';
import { TaskingFormStatus, useTaskingSave } from './useTaskingSave';
import './safety.css';

/**
 * Spoedmeldingen (domain/priority-traffic.ts) on the console: every active one above the alerts, with a tone when
 * a new one arrives, until it is lifted. The desk (dispatcher, shift lead) declares one for a focus area and lifts it;
 * which units get it is the hub's decision.
 */

export function usePriorityTraffic(enabled: boolean) {
  return useQuery({ queryKey: dispatchKeys.priorityTraffic, queryFn: () => call('priorityTraffic.list', {}), enabled, staleTime: Infinity });
}

/** The header button that opens the declare form (desk roles only). */
export function PriorityTrafficButton({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const { t } = useI18n();
  if (!useCan('priority_traffic.declare')) return null;
  return (
    <button type="button" className="btn spoed-button" aria-pressed={open} aria-haspopup="dialog" onClick={onToggle} data-testid="spoed-open">
      {t('spoed.declare')}
    </button>
  );
}

function useNewTrafficTone(traffic: readonly PriorityTraffic[] | undefined) {
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!traffic) return;
    const ids = new Set(traffic.map((p) => p.id));
    const fresh = seen.current === null ? [] : traffic.filter((p) => !seen.current?.has(p.id));
    seen.current = ids;
    if (fresh.length > 0) playTone('emergency');
  }, [traffic]);
}

export function PriorityTrafficBar({ formOpen, onCloseForm }: { formOpen: boolean; onCloseForm: () => void }) {
  const { t, locale } = useI18n();
  const canRead = useCan('priority_traffic.read');
  const canDeclare = useCan('priority_traffic.declare');
  const query = usePriorityTraffic(canRead);
  const traffic = query.data?.traffic;
  useNewTrafficTone(traffic);
  const queryClient = useQueryClient();
  const [lifting, setLifting] = useState<string | null>(null);

  const lift = async (id: string) => {
    setLifting(id);
    try {
      await call('priorityTraffic.lift', { id }, { commandId: crypto.randomUUID() });
      await queryClient.invalidateQueries({ queryKey: dispatchKeys.priorityTraffic });
    } finally {
      setLifting(null);
    }
  };

  if (!canRead || ((!traffic || traffic.length === 0) && !formOpen)) return null;
  return (
    <section className="spoed-bar" aria-label={t('spoed.title')} data-testid="spoed-bar">
      {traffic?.map((p) => (
        <div key={p.id} className="spoed-item" role="alert" data-testid="spoed-item" data-traffic-id={p.id}>
          <span className="spoed-label">{t('spoed.label')}</span>
          <strong className="spoed-area">{p.areaName}</strong>
          <span className="spoed-text" data-testid="spoed-text">
            {p.text}
          </span>
          <span className="spoed-since muted">{t('spoed.since', { time: formatDateTime(p.declaredAt, locale) })}</span>
          {canDeclare && (
            <button type="button" className="btn spoed-lift" disabled={lifting === p.id} onClick={() => void lift(p.id)} data-testid="spoed-lift">
              {t('spoed.lift')}
            </button>
          )}
        </div>
      ))}
      {formOpen && canDeclare && <DeclareForm onDone={onCloseForm} />}
    </section>
  );
}

function DeclareForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const areas = useTasking(localDate(Date.now()), true).data?.areas ?? [];
  const [areaId, setAreaId] = useState('');
  const [text, setText] = useState('');
  const { errors, formError, notice, saving, save } = useTaskingSave();
  const textRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => textRef.current?.focus(), []);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!areaId) problems.areaId = t('tasking.required');
    if (!text.trim()) problems.text = t('tasking.required');
    await save(problems, async () => {
      await call('priorityTraffic.declare', {}, { commandId: crypto.randomUUID(), areaId, text: text.trim() });
      await queryClient.invalidateQueries({ queryKey: dispatchKeys.priorityTraffic });
      onDone();
      return '';
    });
  };

  return (
    <form className="spoed-form" onSubmit={submit} aria-label={t('spoed.declareTitle')} data-testid="spoed-form">
      <Field label={t('spoed.area')} name="areaId" error={errors.areaId}>
        {(id) => (
          <select id={id} value={areaId} onChange={(e) => setAreaId(e.target.value)} data-testid="spoed-area">
            <option value="">{areas.length === 0 ? t('spoed.noAreas') : '—'}</option>
            {areas.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('spoed.text')} name="text" error={errors.text}>
        {(id) => <textarea id={id} ref={textRef} rows={2} maxLength={500} value={text} onChange={(e) => setText(e.target.value)} data-testid="spoed-message" />}
      </Field>
      <div className="spoed-form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving} data-testid="spoed-send">
          {t('spoed.send')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('spoed.cancel')}
        </button>
      </div>
      <TaskingFormStatus formError={formError} notice={notice} testId="spoed-form-status" />
    </form>
  );
}
