import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FocusArea, TaskingEntry, Unit } from '../../../server/protocol/dispatch';
import { ApiRequestError } from '../../shared/api/client';
import { dispatchApi, type TaskingSnapshot } from '../api/dispatch';
import { dispatchKeys, useTasking, useUnits } from '../api/dispatchQueries';
import { Field } from '../ui/Field';
import { Loading } from '../ui/Loading';
import { formatDateTime, formatLongDate, useI18n } from '../i18n';
import { closeRing } from '../../shared/geo/ring';
import { useDispatchContext } from './commands';
import { byCallsign } from './format';

const WRITE_ROLES: ReadonlySet<string> = new Set(['police_coordinator', 'shift_lead']);
const SHIFTS: readonly TaskingEntry['shift'][] = ['vroeg', 'laat', 'nacht'];
const SHIFT_HOURS = 8;

/** The shift that is on now: vroeg until 14:00, laat until 22:00, then nacht. */
export function currentShift(date = new Date()): TaskingEntry['shift'] {
  const h = date.getHours();
  if (h >= 6 && h < 14) return 'vroeg';
  if (h >= 14 && h < 22) return 'laat';
  return 'nacht';
}

/** `YYYY-MM-DDTHH:mm` in local time, for datetime-local inputs. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function boundsOf(polygon: FocusArea['polygon']): [[number, number], [number, number]] | null {
  const ring = polygon[0];
  if (!ring || ring.length === 0) return null;
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lng, lat] of ring) {
    w = Math.min(w, lng);
    e = Math.max(e, lng);
    s = Math.min(s, lat);
    n = Math.max(n, lat);
  }
  return [
    [w, s],
    [e, n],
  ];
}

export interface DrawControl {
  points: readonly [number, number][];
  active: boolean;
  error: string | null;
  start: () => void;
  cancel: () => void;
}

interface TaskingPanelProps {
  date: string;
  draw: DrawControl;
  onShowArea: (area: FocusArea) => void;
  highlightAreaId: string | null;
  onClose: () => void;
}

/** Today's briefing: focus areas with their units; the police coordinator draws areas and tasks units. */
export function TaskingPanel({ date, draw, onShowArea, highlightAreaId, onClose }: TaskingPanelProps) {
  const { t, locale } = useI18n();
  const { role } = useDispatchContext();
  const canWrite = WRITE_ROLES.has(role);
  const query = useTasking(date, true);
  const unitsQuery = useUnits(true);
  const units = useMemo(() => [...(unitsQuery.data?.units ?? [])].sort(byCallsign), [unitsQuery.data?.units]);
  const unitsById = useMemo(() => new Map<string, Unit>(units.map((u) => [u.id, u])), [units]);

  /** Active areas plus those only known through today's tasking (e.g. starting later today). */
  const areas = useMemo(() => {
    const byId = new Map<string, FocusArea>();
    for (const a of query.data?.areas ?? []) byId.set(a.id, a);
    for (const { area } of query.data?.tasking ?? []) if (!byId.has(area.id)) byId.set(area.id, area);
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  }, [query.data]);

  return (
    <aside className="detail-panel tasking-panel" aria-label={t('tasking.title', { date })} data-testid="tasking-panel">
      <div className="detail-head">
        <h2>{t('tasking.title', { date: formatLongDate(date, locale) })}</h2>
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose} data-testid="tasking-close">
          {t('tasking.close')} <kbd>Esc</kbd>
        </button>
      </div>
      <div className="detail-body">
        <section className="detail-section first" aria-label={t('tasking.areas')}>
          <h3>{t('tasking.areas')}</h3>
          {query.isPending ? (
            <Loading label={t('tasking.loading')} />
          ) : query.isError ? (
            <p className="form-error" role="alert">
              {t('tasking.error', { message: query.error.message })}
            </p>
          ) : areas.length === 0 ? (
            <p className="muted small" data-testid="tasking-empty">
              {t('tasking.noAreas')}
            </p>
          ) : (
            <ul className="area-list">
              {areas.map((area) => {
                const entries = (query.data?.tasking ?? []).filter((x) => x.area.id === area.id).map((x) => x.entry);
                return (
                  <li
                    key={area.id}
                    className={`area-row${highlightAreaId === area.id ? ' highlighted' : ''}`}
                    data-testid="tasking-area-row"
                    data-area-id={area.id}
                  >
                    <div className="row-line">
                      <strong className="area-name">{area.name}</strong>
                      <span className="muted small">
                        {t('tasking.window', {
                          from: formatDateTime(area.startsAt, locale),
                          to: formatDateTime(area.endsAt, locale),
                        })}
                      </span>
                      <span className="row-spacer" />
                      <button type="button" className="btn btn-small" onClick={() => onShowArea(area)}>
                        {t('tasking.showArea')}
                      </button>
                    </div>
                    {area.instructions && <p className="area-instructions small">{area.instructions}</p>}
                    {entries.length === 0 ? (
                      <p className="muted small">{t('tasking.noUnits')}</p>
                    ) : (
                      <ul className="area-units">
                        {entries.map((e) => (
                          <li key={e.id} data-testid="tasking-entry" data-unit-id={e.unitId}>
                            <strong>{unitsById.get(e.unitId)?.callsign ?? e.unitId}</strong>{' '}
                            <span className="muted">{t(`shift.${e.shift}`)}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
        {canWrite ? (
          <>
            <NewAreaForm draw={draw} />
            <AssignForm date={date} units={units} areas={areas} />
          </>
        ) : (
          <p className="muted small">{t('tasking.readOnly')}</p>
        )}
      </div>
    </aside>
  );
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
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
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const drawn = !draw.active && draw.points.length >= 3;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const next: Record<string, string> = {};
    if (!name.trim()) next.name = t('tasking.required');
    if (requirePublicText && !publicText.trim()) next.publicText = t('hotspots.publicRequired');
    if (!drawn) next.polygon = t('tasking.drawTooFew');
    const start = new Date(startsAt);
    const end = new Date(endsAt);
    if (Number.isNaN(start.getTime())) next.startsAt = t('tasking.required');
    if (Number.isNaN(end.getTime())) next.endsAt = t('tasking.required');
    else if (!Number.isNaN(start.getTime()) && end <= start) next.endsAt = t('tasking.endBeforeStart');
    setErrors(next);
    setNotice(null);
    if (Object.keys(next).length > 0) {
      setFormError(t('tasking.invalid'));
      return;
    }
    setSaving(true);
    setFormError(null);
    try {
      const area = await dispatchApi.createFocusArea({
        name: name.trim(),
        polygon: [closeRing(draw.points)],
        instructions: instructions.trim(),
        publicText: publicText.trim() || null,
        startsAt: start.toISOString(),
        endsAt: end.toISOString(),
      });
      setNotice(t('tasking.created', { name: area.name }));
      setName('');
      setInstructions('');
      setPublicText('');
      draw.cancel();
      void queryClient.invalidateQueries({ queryKey: dispatchKeys.taskingAll });
      onCreated?.(area);
    } catch (e) {
      if (e instanceof ApiRequestError && e.fields) setErrors(e.fields);
      setFormError(t('tasking.failed', { message: errorText(e) }));
    } finally {
      setSaving(false);
    }
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
      {formError && (
        <p className="form-error" role="alert" data-testid="focus-area-error">
          {formError}
        </p>
      )}
      {notice && (
        <p className="notice tasking-notice" role="status" data-testid="focus-area-notice">
          {notice}
        </p>
      )}
      <button type="submit" className="btn btn-primary" disabled={saving || draw.active} data-testid="focus-area-submit">
        {saving && <span className="spinner" aria-hidden="true" />}
        {saving ? t('tasking.saving') : t('tasking.create')}
      </button>
    </form>
  );
}

function AssignForm({ date, units, areas }: { date: string; units: readonly Unit[]; areas: readonly FocusArea[] }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [unitId, setUnitId] = useState('');
  const [areaId, setAreaId] = useState('');
  const [shift, setShift] = useState<TaskingEntry['shift']>(() => currentShift());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const next: Record<string, string> = {};
    if (!unitId) next.unitId = t('tasking.required');
    if (!areaId) next.areaId = t('tasking.required');
    setErrors(next);
    setNotice(null);
    if (Object.keys(next).length > 0) {
      setFormError(t('tasking.invalid'));
      return;
    }
    setSaving(true);
    setFormError(null);
    try {
      const entry = await dispatchApi.createTasking({ date, unitId, areaId, shift });
      queryClient.setQueryData<TaskingSnapshot>(dispatchKeys.tasking(date), (old) => {
        const area = areas.find((a) => a.id === entry.areaId);
        return old && area ? { ...old, tasking: [...old.tasking, { entry, area }] } : old;
      });
      void queryClient.invalidateQueries({ queryKey: dispatchKeys.taskingAll });
      setNotice(
        t('tasking.assigned', {
          unit: units.find((u) => u.id === unitId)?.callsign ?? unitId,
          area: areas.find((a) => a.id === areaId)?.name ?? areaId,
          shift: t(`shift.${shift}`),
        }),
      );
      setUnitId('');
    } catch (e) {
      if (e instanceof ApiRequestError && e.fields) setErrors(e.fields);
      setFormError(t('tasking.failed', { message: errorText(e) }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="detail-section tasking-form" onSubmit={(e) => void submit(e)} data-testid="tasking-form" noValidate>
      <h3>{t('tasking.assign')}</h3>
      <div className="field-row">
        <Field label={t('tasking.unit')} error={errors.unitId} name="unitId">
          {(id) => (
            <select id={id} value={unitId} onChange={(e) => setUnitId(e.target.value)} data-testid="tasking-unit">
              <option value="">{t('tasking.chooseUnit')}</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.callsign} · {t(`unitKindShort.${u.kind}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('tasking.shift')} error={errors.shift} name="shift">
          {(id) => (
            <select
              id={id}
              value={shift}
              onChange={(e) => setShift(e.target.value as TaskingEntry['shift'])}
              data-testid="tasking-shift"
            >
              {SHIFTS.map((s) => (
                <option key={s} value={s}>
                  {t(`shift.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label={t('tasking.area')} error={errors.areaId} name="areaId">
        {(id) => (
          <select id={id} value={areaId} onChange={(e) => setAreaId(e.target.value)} data-testid="tasking-area">
            <option value="">{t('tasking.chooseArea')}</option>
            {areas.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {formError && (
        <p className="form-error" role="alert" data-testid="tasking-error">
          {formError}
        </p>
      )}
      {notice && (
        <p className="notice tasking-notice" role="status" data-testid="tasking-notice">
          {notice}
        </p>
      )}
      <button type="submit" className="btn btn-primary" disabled={saving} data-testid="tasking-submit">
        {saving && <span className="spinner" aria-hidden="true" />}
        {t('tasking.assignSubmit')}
      </button>
    </form>
  );
}
