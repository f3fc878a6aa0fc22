import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type Category, Priority, type Report, SourceChannel } from '../../../server/protocol/report';
import { errorFields, errorMessage } from '../../shared/api/refusal';
import { type LatLng, type LatLngText, parseLatLngText } from '../../shared/geo/coordinates';
import { composeAddress } from '../address/addressParts';
import { useCreateReport } from '../api/queries';
import { useI18n } from '../i18n';
import { categoryLabel } from '../ui/categoryName';
import { Field, FieldError } from '../ui/Field';
import { AddressFields } from './AddressFields';
import { CallerFields } from './CallerFields';
import { IntakeDuplicates, LinkedNotice } from './IntakeDuplicates';
import { buildReportInput, EMPTY_REPORT_DRAFT, PLACED_REPORT_ERRORS, REPORT_ERROR_KEYS, type ReportDraft } from './reportDraft';
import { useAddressPoint } from './useAddressPoint';
import { useLinkCaller } from './useLinkCaller';

const NO_LOCATION: LatLngText = { lat: '', lng: '' };

interface NewReportFormProps {
  categories: readonly Category[];
  location: LatLngText;
  onLocationChange: (location: LatLngText) => void;
  /** A point chosen through the address search: set it and fly the map there at once. */
  onPlace?: (at: LatLng) => void;
  onCreated: (report: Report) => void;
  /** The caller was linked to an existing report instead (the form stays open with the confirmation). */
  onLinked: (report: Report) => void;
  /** Open an existing report (from the "al gemeld" list). */
  onOpenReport: (id: string) => void;
  onClose: () => void;
}

/** A report taken on the phone or at the counter; a caller whose problem is already known is linked instead. */
export function NewReportForm({
  categories,
  location,
  onLocationChange,
  onPlace,
  onCreated,
  onLinked,
  onOpenReport,
  onClose,
}: NewReportFormProps) {
  const { t, text, locale } = useI18n();
  const [draft, setDraft] = useState<ReportDraft>(EMPTY_REPORT_DRAFT);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const create = useCreateReport();
  const at = useMemo(() => parseLatLngText(location), [location]);
  const place = useCallback(
    (point: LatLng) => (onPlace ? onPlace(point) : onLocationChange({ lat: String(point.lat), lng: String(point.lng) })),
    [onPlace, onLocationChange],
  );
  const address = useAddressPoint(at, place);

  // Keyboard-first: the call starts with the category.
  const categoryRef = useRef<HTMLSelectElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const consentRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    categoryRef.current?.focus();
  }, []);

  const linkCaller = useLinkCaller({
    draft,
    addErrors: (found) => setErrors((current) => ({ ...current, ...found })),
    // Straight to what is missing.
    onMissing: (found) => {
      if (found['reporter.email'] || found['reporter.phone'] || found['reporter.name']) emailRef.current?.focus();
      else consentRef.current?.focus();
    },
    onLinked: (report) => {
      setDraft(EMPTY_REPORT_DRAFT);
      address.reset();
      setErrors({});
      onLocationChange(NO_LOCATION);
      onLinked(report);
      // The confirmation (what to tell the caller) is at the top.
      formRef.current?.closest('.form-panel')?.scrollTo({ top: 0 });
    },
  });

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
  const set = <K extends keyof ReportDraft>(key: K, value: ReportDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    clearErrors(REPORT_ERROR_KEYS[key]);
    if (key.startsWith('reporter')) clearErrors('reporter');
    linkCaller.clearLinkError();
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (create.isPending) return;
    setFormError(null);
    // The address as the fields say it (the caller's house number as typed).
    const { input, errors: local } = buildReportInput({ ...draft, address: composeAddress(address.parts) }, location, t);
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setFormError(t('form.invalid'));
      return;
    }
    setErrors({});
    try {
      const report = await create.mutateAsync(input);
      setDraft(EMPTY_REPORT_DRAFT);
      address.reset();
      linkCaller.clearLinked();
      onCreated(report);
    } catch (err) {
      // Keep everything that was typed; show the hub's field errors next to the fields.
      const fields = errorFields(err, text);
      if (fields) {
        setErrors(fields);
        setFormError(errorMessage(err, text) || t('form.invalid'));
      } else {
        setFormError(t('form.failed', { message: errorMessage(err, text) }));
      }
    }
  }

  const unplaced = Object.entries(errors).filter(([key]) => !PLACED_REPORT_ERRORS.has(key));
  const busy = create.isPending || linkCaller.linkingId !== null;
  const { linked } = linkCaller;

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
            linkCaller.clearLinked();
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
                {categoryLabel(c, locale)}
              </option>
            ))}
          </select>
        )}
      </Field>

      <fieldset className="location-fields">
        <legend>{t('form.location')}</legend>
        <AddressFields address={address} error={errors.address} />
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
        linkingId={linkCaller.linkingId}
        linkError={linkCaller.linkError}
        onLink={(report) => {
          setFormError(null);
          void linkCaller.link(report);
        }}
        onOpenReport={onOpenReport}
      />

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

      <CallerFields draft={draft} errors={errors} onChange={set} emailRef={emailRef} consentRef={consentRef} />

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
