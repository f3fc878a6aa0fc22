import type { Ref } from 'react';
import { useT } from '../i18n';
import { Field, FieldError } from '../ui/Field';
import type { ReportDraft } from './reportDraft';

type CallerField = 'reporterName' | 'reporterSalutation' | 'reporterEmail' | 'reporterPhone' | 'consent';

interface CallerFieldsProps {
  draft: ReportDraft;
  errors: Readonly<Record<string, string>>;
  onChange: <K extends CallerField>(field: K, value: ReportDraft[K]) => void;
  emailRef: Ref<HTMLInputElement>;
  consentRef: Ref<HTMLInputElement>;
}

/** The caller's name, salutation ("mevrouw Jansen": as they wish to be addressed), e-mail and phone, and their consent to keep them (to inform them). */
export function CallerFields({ draft, errors, onChange, emailRef, consentRef }: CallerFieldsProps) {
  const t = useT();
  return (
    <fieldset className="reporter" data-testid="report-caller">
      <legend>{t('intake.caller')}</legend>
      <Field label={t('form.reporterName')} error={errors['reporter.name']} name="reporter.name">
        {(id) => (
          <input
            id={id}
            value={draft.reporterName}
            autoComplete="off"
            onChange={(e) => onChange('reporterName', e.target.value)}
            data-testid="report-reporter-name"
          />
        )}
      </Field>
      <Field label={t('intake.salutation')} error={errors['reporter.salutation']} name="reporter.salutation">
        {(id) => (
          <input
            id={id}
            value={draft.reporterSalutation}
            autoComplete="off"
            maxLength={100}
            placeholder={t('intake.salutationPlaceholder')}
            title={t('intake.salutationHint')}
            onChange={(e) => onChange('reporterSalutation', e.target.value)}
            aria-invalid={!!errors['reporter.salutation']}
            data-testid="report-reporter-salutation"
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
              onChange={(e) => onChange('reporterEmail', e.target.value)}
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
              onChange={(e) => onChange('reporterPhone', e.target.value)}
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
          onChange={(e) => onChange('consent', e.target.checked)}
          aria-invalid={!!errors.consent}
          data-testid="report-consent"
        />
        <span>{t('intake.consent')}</span>
      </label>
      <FieldError error={errors.consent} name="consent" />
      <FieldError error={errors.reporter} name="reporter" />
    </fieldset>
  );
}
