import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { FocusArea } from '../../../server/protocol/dispatch';
import { closeRing } from '../../shared/geo/ring';
import { dispatchApi } from '../api/dispatch';
import { dispatchKeys } from '../api/dispatchQueries';
import { useI18n } from '../i18n';
import { Field } from '../ui/Field';
import { SHIFT_HOURS, toLocalInput } from './shifts';
import { TaskingFormStatus, useTaskingSave } from './useTaskingSave';

export interface DrawControl {
  points: readonly [number, number][];
  active: boolean;
  error: string | null;
  start: () => void;
  cancel: () => void;
}

/** Values a focus-area form starts with (e.g. from a hotspot: its period and a public text asked for). */
export interface NewAreaPrefill {
  name?: string;
  instructions?: string;
  publicText?: string;
  startsAt?: Date;
  endsAt?: Date;
}

interface NewAreaFormProps {
  draw: DrawControl;
  prefill?: NewAreaPrefill;
  /** The area explains itself to citizens: the public text is required (hotspot → focus area). */
  requirePublicText?: boolean;
  /** Shown under the public text. */
  publicHint?: string;
  title?: string;
  autoFocusName?: boolean;
  onCreated?: (area: FocusArea) => void;
}

/** A new focus area: a polygon drawn on the map, a name, instructions, an optional public text, a period. */
export function NewAreaForm({ draw, prefill, requirePublicText, publicHint, title, autoFocusName, onCreated }: NewAreaFormProps) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [name, setName] = useState(prefill?.name ?? '');
  const [instructions, setInstructions] = useState(prefill?.instructions ?? '');
  const [publicText, setPublicText] = useState(prefill?.publicText ?? '');
  // From the start of this hour, for a shift (8 hours).
  const [startsAt, setStartsAt] = useState(() => {
    if (prefill?.startsAt) return toLocalInput(prefill.startsAt);
    const d = new Date();
    d.setMinutes(0, 0, 0);
    return toLocalInput(d);
  });
  const [endsAt, setEndsAt] = useState(() => {
    if (prefill?.endsAt) return toLocalInput(prefill.endsAt);
    const d = new Date();
    d.setMinutes(0, 0, 0);
    return toLocalInput(new Date(d.getTime() + SHIFT_HOURS * 3600_000));
  });
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocusName) nameRef.current?.focus();
  }, [autoFocusName]);
  const { errors, formError, notice, saving, save } = useTaskingSave();
  const drawn = !draw.active && draw.points.length >= 3;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = t('tasking.required');
    if (requirePublicText && !publicText.trim()) problems.publicText = t('hotspots.publicRequired');
    if (!drawn) problems.polygon = t('tasking.drawTooFew');
    const start = new Date(startsAt);
    const end = new Date(endsAt);
    if (Number.isNaN(start.getTime())) problems.startsAt = t('tasking.required');
    if (Number.isNaN(end.getTime())) problems.endsAt = t('tasking.required');
    else if (!Number.isNaN(start.getTime()) && end <= start) problems.endsAt = t('tasking.endBeforeStart');
    await save(problems, async () => {
      const area = await dispatchApi.createFocusArea({
        name: name.trim(),
        polygon: [closeRing(draw.points)],
        instructions: instructions.trim(),
        publicText: publicText.trim() || null,
        startsAt: start.toISOString(),
        endsAt: end.toISOString(),
      });
      setName('');
      setInstructions('');
      setPublicText('');
      draw.cancel();
      void queryClient.invalidateQueries({ queryKey: dispatchKeys.taskingAll });
      onCreated?.(area);
      return t('tasking.created', { name: area.name });
    });
  };

  return (
    <form className="detail-section tasking-form" onSubmit={(e) => void submit(e)} data-testid="focus-area-form" noValidate>
      <h3>{title ?? t('tasking.newArea')}</h3>
      <div className="draw-row">
        {draw.active ? (
          <>
            <span className="draw-state" data-testid="focus-area-draw-state" data-state="drawing">
              {t('tasking.drawing', { n: draw.points.length })}
            </span>
            <button type="button" className="btn btn-small" onClick={draw.cancel} data-testid="focus-area-draw-cancel">
              {t('tasking.drawCancel')}
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="btn btn-small"
              onClick={draw.start}
              data-testid="focus-area-draw"
              aria-invalid={Boolean(errors.polygon)}
            >
              ✎ {drawn ? t('tasking.redraw') : t('tasking.draw')}
            </button>
            {drawn && (
              <span className="draw-state ok" data-testid="focus-area-draw-state" data-state="drawn">
                {t('tasking.drawn', { n: draw.points.length })}
              </span>
            )}
          </>
        )}
      </div>
      <p className="muted small">{t('tasking.drawHint')}</p>
      {(draw.error || errors.polygon) && (
        <p className="field-error" data-testid="field-error-polygon">
          {draw.error ?? errors.polygon}
        </p>
      )}
      <Field label={t('tasking.name')} error={errors.name} name="name">
        {(id) => (
          <input
            ref={nameRef}
            id={id}
            value={name}
            maxLength={120}
            onChange={(e) => setName(e.target.value)}
            data-testid="focus-area-name"
          />
        )}
      </Field>
      <Field label={t('tasking.instructions')} error={errors.instructions} name="instructions">
        {(id) => (
          <textarea
            id={id}
            rows={2}
            maxLength={2000}
            value={instructions}
            onChange={(e) => setInstructions(e.target.value)}
            data-testid="focus-area-instructions"
          />
        )}
      </Field>
      <Field
        label={requirePublicText ? t('hotspots.publicText') : t('tasking.publicText')}
        error={errors.publicText}
        name="publicText"
      >
        {(id) => (
          <textarea
            id={id}
            rows={2}
            maxLength={1000}
            value={publicText}
            onChange={(e) => setPublicText(e.target.value)}
            aria-invalid={Boolean(errors.publicText)}
            data-testid="focus-area-public"
          />
        )}
      </Field>
      {publicHint && <p className="muted small focus-area-public-hint">{publicHint}</p>}
      <div className="field-row">
        <Field label={t('tasking.startsAt')} error={errors.startsAt} name="startsAt">
          {(id) => (
            <input
              id={id}
              type="datetime-local"
              value={startsAt}
              onChange={(e) => setStartsAt(e.target.value)}
              data-testid="focus-area-starts"
            />
          )}
        </Field>
        <Field label={t('tasking.endsAt')} error={errors.endsAt} name="endsAt">
          {(id) => (
            <input
              id={id}
              type="datetime-local"
              value={endsAt}
              onChange={(e) => setEndsAt(e.target.value)}
              data-testid="focus-area-ends"
            />
          )}
        </Field>
      </div>
      <TaskingFormStatus formError={formError} notice={notice} testId="focus-area" />
      <button type="submit" className="btn btn-primary" disabled={saving || draw.active} data-testid="focus-area-submit">
        {saving && <span className="spinner" aria-hidden="true" />}
        {saving ? t('tasking.saving') : t('tasking.create')}
      </button>
    </form>
  );
}
