import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { fieldErrors } from '../../../server/protocol/common';
import { LinkReporterBody } from '../../../server/protocol/intake';
import {
  type Category,
  CreateReportInput,
  Priority,
  type Report,
  SourceChannel,
} from '../../../server/protocol/report';
import { ApiRequestError } from '../../shared/api/client';
import { intakeApi } from '../api/intake';
import { upsertReportInCache, useCreateReport } from '../api/queries';
import { useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../i18n';
import { IntakeDuplicates, type LinkedCall, LinkedNotice, parseLocation } from '../intake/IntakeDuplicates';
import { Field, FieldError } from '../ui/Field';

export interface DraftLocation {
  lat: string;
  lng: string;
}

interface NewReportFormProps {
  categories: readonly Category[];
  location: DraftLocation;
  onLocationChange: (location: DraftLocation) => void;
  onCreated: (report: Report) => void;
  /** The caller was linked to an existing report instead (the form stays open with the confirmation). */
  onLinked: (report: Report) => void;
  /** Open an existing report (from the "al gemeld" list). */
  onOpenReport: (id: string) => void;
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
  /** The caller agreed that their contact details are kept to inform them. */
  consent: boolean;
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
  consent: false,
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
  consent: 'consent',
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
  'consent',
]);

/** The hub's field names for linking a caller → this form's field keys. */
const LINK_FIELD_KEYS: Record<string, string> = {
  name: 'reporter.name',
  email: 'reporter.email',
  phone: 'reporter.phone',
  consent: 'consent',
};

export function NewReportForm({
  categories,
  location,
  onLocationChange,
  onCreated,
  onLinked,
  onOpenReport,
  onClose,
}: NewReportFormProps) {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const create = useCreateReport();
  /** The report the caller is being linked to, and the last link made (the confirmation to read out). */
  const [linkingId, setLinkingId] = useState<string | null>(null);
  const [linkError, setLinkError] = useState<{ reportId: string; message: string } | null>(null);
  const [linked, setLinked] = useState<LinkedCall | null>(null);

  // Keyboard-first: the call starts with the category.
  const categoryRef = useRef<HTMLSelectElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const consentRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    categoryRef.current?.focus();
  }, []);

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
    if (key.startsWith('reporter')) clearErrors('reporter');
    setLinkError(null);
  };

  function contact() {
    return {
      ...(draft.reporterName.trim() ? { name: draft.reporterName.trim() } : {}),
      ...(draft.reporterEmail.trim() ? { email: draft.reporterEmail.trim() } : {}),
      ...(draft.reporterPhone.trim() ? { phone: draft.reporterPhone.trim() } : {}),
    };
  }

  /** "Melder koppelen": the caller follows the existing report instead of creating a second one. */
  async function link(report: Report) {
    if (linkingId) return;
    setFormError(null);
    setLinkError(null);
    const body = { ...contact(), consent: draft.consent };
    const parsed = LinkReporterBody.safeParse(body);
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const [key, message] of Object.entries(fieldErrors(parsed.error))) {
        found[LINK_FIELD_KEYS[key] ?? key] = message;
      }
      if (!draft.consent) found.consent = t('intake.consentRequired');
      if (Object.keys(contact()).length === 0) found['reporter.email'] = t('intake.contactRequired');
      setErrors((current) => ({ ...current, ...found }));
      setLinkError({ reportId: report.id, message: t('intake.linkNeedsContact') });
      // Straight to what is missing.
      if (found['reporter.email'] || found['reporter.phone'] || found['reporter.name']) emailRef.current?.focus();
      else consentRef.current?.focus();
      return;
    }
    setLinkingId(report.id);
    try {
      const updated = await intakeApi.linkReporter(report.id, parsed.data);
      upsertReportInCache(queryClient, updated);
      setLinked({ report: updated, contact: parsed.data.email ?? parsed.data.phone ?? parsed.data.name ?? '' });
      setDraft(EMPTY);
      setErrors({});
      onLocationChange({ lat: '', lng: '' });
      onLinked(updated);
      // The confirmation (what to tell the caller) is at the top.
      formRef.current?.closest('.form-panel')?.scrollTo({ top: 0 });
    } catch (err) {
      if (err instanceof ApiRequestError && err.fields && Object.keys(err.fields).length > 0) {
        const found: Record<string, string> = {};
        for (const [key, message] of Object.entries(err.fields)) found[LINK_FIELD_KEYS[key] ?? key] = message;
        setErrors((current) => ({ ...current, ...found }));
      }
      setLinkError({
        reportId: report.id,
        message: err instanceof ApiRequestError ? err.message : t('intake.linkFailed', { message: (err as Error).message }),
      });
    } finally {
      setLinkingId(null);
    }
  }

  function buildInput(): { input: CreateReportInput; errors: Record<string, string> } {
    const found: Record<string, string> = {};
    const lat = location.lat.trim() === '' ? Number.NaN : Number(location.lat.replace(',', '.'));
    const lng = location.lng.trim() === '' ? Number.NaN : Number(location.lng.replace(',', '.'));
    const reporter = contact();
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
    // Contact details are kept only with the caller's consent (asked on the phone or at the counter).
    if (Object.keys(reporter).length > 0 && !draft.consent) found.consent = t('intake.consentRequired');
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
      setLinked(null);
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
  const busy = create.isPending || linkingId !== null;
  const at = parseLocation(location);

  return (
    <form ref={formRef} className="new-report" onSubmit={submit} data-testid="new-report-form" noValidate aria-busy={busy}>
      <div className="panel-head">
        <h2>{t('form.title')}</h2>
        <button type="button" className="btn btn-ghost" onClick={onClose} data-testid="new-report-close">
          {t('form.close')}
        </button>
      </div>

      {linked && (
        <LinkedNotice
          linked={linked}
          onOpen={() => onOpenReport(linked.report.id)}
          onDismiss={() => {
            setLinked(null);
            categoryRef.current?.focus();
          }}
        />
      )}

      <Field label={t('form.category')} error={errors.category} name="category">
        {(id) => (
          <select
            ref={categoryRef}
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

      <IntakeDuplicates
        category={draft.category}
        at={at}
        linkingId={linkingId}
        linkError={linkError}
        onLink={(report) => void link(report)}
        onOpenReport={onOpenReport}
      />

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

      <fieldset className="reporter" data-testid="report-caller">
        <legend>{t('intake.caller')}</legend>
        <Field label={t('form.reporterName')} error={errors['reporter.name']} name="reporter.name">
          {(id) => (
            <input
              id={id}
              value={draft.reporterName}
              autoComplete="off"
              onChange={(e) => set('reporterName', e.target.value)}
              data-testid="report-reporter-name"
            />
          )}
        </Field>
        <div className="field-row">
          <Field label={t('form.reporterEmail')} error={errors['reporter.email']} name="reporter.email">
            {(id) => (
              <input
                ref={emailRef}
                id={id}
                type="email"
                autoComplete="off"
                value={draft.reporterEmail}
                onChange={(e) => set('reporterEmail', e.target.value)}
                aria-invalid={!!errors['reporter.email']}
                data-testid="report-reporter-email"
              />
            )}
          </Field>
          <Field label={t('form.reporterPhone')} error={errors['reporter.phone']} name="reporter.phone">
            {(id) => (
              <input
                id={id}
                type="tel"
                autoComplete="off"
                value={draft.reporterPhone}
                onChange={(e) => set('reporterPhone', e.target.value)}
                aria-invalid={!!errors['reporter.phone']}
                data-testid="report-reporter-phone"
              />
            )}
          </Field>
        </div>
        <label className={`consent${errors.consent ? ' has-error' : ''}`}>
          <input
            ref={consentRef}
            type="checkbox"
            checked={draft.consent}
            onChange={(e) => set('consent', e.target.checked)}
            aria-invalid={!!errors.consent}
            data-testid="report-consent"
          />
          <span>{t('intake.consent')}</span>
        </label>
        <FieldError error={errors.consent} name="consent" />
        <FieldError error={errors.reporter} name="reporter" />
      </fieldset>

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
