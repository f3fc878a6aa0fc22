import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { fieldErrors } from '../../../server/protocol/common';
import {
  type Category,
  CreateReportInput,
  Priority,
  type Report,
  SourceChannel,
} from '../../../server/protocol/report';
import { ApiRequestError } from '../api/client';
import { useCreateReport } from '../api/queries';
import { useI18n } from '../i18n';
import { Field, FieldError } from './Field';

export interface DraftLocation {
  lat: string;
  lng: string;
}

interface NewReportFormProps {
  categories: readonly Category[];
  location: DraftLocation;
  onLocationChange: (location: DraftLocation) => void;
  onCreated: (report: Report) => void;
  onClose: () => void;
}

interface Draft {
  category: string;
  address: string;
  description: string;
  priority: Priority;
  source: SourceChannel;
  reporterName: string;
  reporterEmail: string;
  reporterPhone: string;
}

const EMPTY: Draft = {
  category: '',
  address: '',
  description: '',
  priority: 'normal',
  source: 'phone',
  reporterName: '',
  reporterEmail: '',
  reporterPhone: '',
};

const ERROR_KEYS: Record<keyof Draft, string> = {
  category: 'category',
  address: 'address',
  description: 'description',
  priority: 'priority',
  source: 'source',
  reporterName: 'reporter.name',
  reporterEmail: 'reporter.email',
  reporterPhone: 'reporter.phone',
};

/** Field keys (as the hub names them in ApiError.fields) that have a place in this form. */
const PLACED = new Set([
  'category',
  'location',
  'location.lat',
  'location.lng',
  'address',
  'description',
  'priority',
  'source',
  'reporter',
  'reporter.name',
  'reporter.email',
  'reporter.phone',
]);

export function NewReportForm({ categories, location, onLocationChange, onCreated, onClose }: NewReportFormProps) {
  const { t, locale } = useI18n();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const create = useCreateReport();

  /** Editing a field clears the errors shown for it (the rest stay until the next submit). */
  const clearErrors = useCallback(
    (...keys: string[]) =>
      setErrors((current) => {
        if (!keys.some((k) => k in current)) return current;
        const next = { ...current };
        for (const k of keys) delete next[k];
        return next;
      }),
    [],
  );
  // A new location (typed or clicked on the map) clears the location errors.
  const { lat: draftLat, lng: draftLng } = location;
  useEffect(() => {
    if (draftLat || draftLng) clearErrors('location', 'location.lat', 'location.lng');
  }, [draftLat, draftLng, clearErrors]);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    clearErrors(ERROR_KEYS[key]);
  };

  function buildInput(): { input: CreateReportInput; errors: Record<string, string> } {
    const found: Record<string, string> = {};
    const lat = location.lat.trim() === '' ? Number.NaN : Number(location.lat.replace(',', '.'));
    const lng = location.lng.trim() === '' ? Number.NaN : Number(location.lng.replace(',', '.'));
    const reporter = {
      ...(draft.reporterName.trim() ? { name: draft.reporterName.trim() } : {}),
      ...(draft.reporterEmail.trim() ? { email: draft.reporterEmail.trim() } : {}),
      ...(draft.reporterPhone.trim() ? { phone: draft.reporterPhone.trim() } : {}),
    };
    const input: CreateReportInput = {
      category: draft.category,
      location: { lat, lng },
      description: draft.description,
      priority: draft.priority,
      source: draft.source,
      ...(draft.address.trim() ? { address: draft.address.trim() } : {}),
      ...(Object.keys(reporter).length > 0 ? { reporter } : {}),
    };
    const parsed = CreateReportInput.safeParse(input);
    if (!parsed.success) Object.assign(found, fieldErrors(parsed.error));
    if (Number.isNaN(lat) || Number.isNaN(lng)) {
      delete found['location.lat'];
      delete found['location.lng'];
      found.location = t('form.locationRequired');
    }
    return { input, errors: found };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (create.isPending) return;
    setFormError(null);
    const { input, errors: local } = buildInput();
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setFormError(t('form.invalid'));
      return;
    }
    setErrors({});
    try {
      const report = await create.mutateAsync(input);
      setDraft(EMPTY);
      onCreated(report);
    } catch (err) {
      // Keep everything that was typed; show the hub's field errors next to the fields.
      if (err instanceof ApiRequestError && err.fields && Object.keys(err.fields).length > 0) {
        setErrors(err.fields);
        setFormError(err.message || t('form.invalid'));
      } else {
        setFormError(t('form.failed', { message: (err as Error).message }));
      }
    }
  }

  const unplaced = Object.entries(errors).filter(([key]) => !PLACED.has(key));
  const busy = create.isPending;

  return (
    <form className="new-report" onSubmit={submit} data-testid="new-report-form" noValidate aria-busy={busy}>
      <div className="panel-head">
        <h2>{t('form.title')}</h2>
        <button type="button" className="btn btn-ghost" onClick={onClose} data-testid="new-report-close">
          {t('form.close')}
        </button>
      </div>

      <Field label={t('form.category')} error={errors.category} name="category">
        {(id) => (
          <select
            id={id}
            value={draft.category}
            onChange={(e) => set('category', e.target.value)}
            data-testid="report-category"
            aria-invalid={!!errors.category}
          >
            <option value="">{t('form.chooseCategory')}</option>
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {locale === 'en' ? c.nameEn : c.nameNl}
              </option>
            ))}
          </select>
        )}
      </Field>

      <fieldset className="location-fields">
        <legend>{t('form.location')}</legend>
        <p className="muted small">{t('form.pickOnMap')}</p>
        <div className="field-row">
          <Field label={t('form.lat')} error={errors['location.lat']} name="location.lat">
            {(id) => (
              <input
                id={id}
                inputMode="decimal"
                value={location.lat}
                onChange={(e) => onLocationChange({ ...location, lat: e.target.value })}
                data-testid="report-lat"
                aria-invalid={!!(errors['location.lat'] || errors.location)}
              />
            )}
          </Field>
          <Field label={t('form.lng')} error={errors['location.lng']} name="location.lng">
            {(id) => (
              <input
                id={id}
                inputMode="decimal"
                value={location.lng}
                onChange={(e) => onLocationChange({ ...location, lng: e.target.value })}
                data-testid="report-lng"
                aria-invalid={!!(errors['location.lng'] || errors.location)}
              />
            )}
          </Field>
        </div>
        <FieldError error={errors.location} name="location" />
      </fieldset>

      <Field label={t('form.address')} error={errors.address} name="address">
        {(id) => (
          <input
            id={id}
            value={draft.address}
            placeholder={t('form.addressPlaceholder')}
            onChange={(e) => set('address', e.target.value)}
            data-testid="report-address"
            aria-invalid={!!errors.address}
          />
        )}
      </Field>

      <Field label={t('form.description')} error={errors.description} name="description">
        {(id) => (
          <textarea
            id={id}
            rows={3}
            value={draft.description}
            onChange={(e) => set('description', e.target.value)}
            data-testid="report-description"
            aria-invalid={!!errors.description}
          />
        )}
      </Field>

      <div className="field-row">
        <Field label={t('form.priority')} error={errors.priority} name="priority">
          {(id) => (
            <select
              id={id}
              value={draft.priority}
              onChange={(e) => set('priority', e.target.value as Priority)}
              data-testid="report-priority"
            >
              {Priority.options.map((p) => (
                <option key={p} value={p}>
                  {t(`priority.${p}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('form.source')} error={errors.source} name="source">
          {(id) => (
            <select
              id={id}
              value={draft.source}
              onChange={(e) => set('source', e.target.value as SourceChannel)}
              data-testid="report-source"
            >
              {SourceChannel.options.map((s) => (
                <option key={s} value={s}>
                  {t(`source.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      <details className="reporter" open={Object.keys(errors).some((k) => k.startsWith('reporter'))}>
        <summary data-testid="report-reporter-toggle">{t('form.reporter')}</summary>
        <Field label={t('form.reporterName')} error={errors['reporter.name']} name="reporter.name">
          {(id) => (
            <input
              id={id}
              value={draft.reporterName}
              onChange={(e) => set('reporterName', e.target.value)}
              data-testid="report-reporter-name"
            />
          )}
        </Field>
        <div className="field-row">
          <Field label={t('form.reporterEmail')} error={errors['reporter.email']} name="reporter.email">
            {(id) => (
              <input
                id={id}
                type="email"
                value={draft.reporterEmail}
                onChange={(e) => set('reporterEmail', e.target.value)}
                data-testid="report-reporter-email"
              />
            )}
          </Field>
          <Field label={t('form.reporterPhone')} error={errors['reporter.phone']} name="reporter.phone">
            {(id) => (
              <input
                id={id}
                type="tel"
                value={draft.reporterPhone}
                onChange={(e) => set('reporterPhone', e.target.value)}
                data-testid="report-reporter-phone"
              />
            )}
          </Field>
        </div>
        <FieldError error={errors.reporter} name="reporter" />
      </details>

      {(formError || unplaced.length > 0) && (
        <div className="form-error" role="alert" data-testid="report-form-error">
          {formError && <p>{formError}</p>}
          {unplaced.map(([key, message]) => (
            <p key={key} data-testid={`field-error-${key}`}>
              {key === '_' ? message : `${key}: ${message}`}
            </p>
          ))}
        </div>
      )}

      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="report-submit">
        {busy ? (
          <>
            <span className="spinner" aria-hidden="true" /> {t('form.submitting')}
          </>
        ) : (
          t('form.submit')
        )}
      </button>
    </form>
  );
}
