import { useState } from 'react';
import { errorFields } from '../../shared/api/refusal';
import { useI18n } from '../i18n';
import { commandErrorText } from './commandErrors';

/**
 * What the two tasking forms share: field errors, a form error, a notice and a `save` that refuses
 * while the form has problems, saves once at a time and shows the hub's field errors where it gives them.
 */
export function useTaskingSave() {
  const i18n = useI18n();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  /** `write` stores and returns the notice to show. */
  const save = async (problems: Record<string, string>, write: () => Promise<string>) => {
    if (saving) return;
    setErrors(problems);
    setNotice(null);
    if (Object.keys(problems).length > 0) {
      setFormError(i18n.t('tasking.invalid'));
      return;
    }
    setSaving(true);
    setFormError(null);
    try {
      setNotice(await write());
    } catch (e) {
      const fields = errorFields(e, i18n.text);
      if (fields) setErrors(fields);
      setFormError(i18n.t('tasking.failed', { message: commandErrorText(i18n, e) }));
    } finally {
      setSaving(false);
    }
  };

  return { errors, formError, notice, saving, save };
}

/** The form's error and notice lines (test ids `<prefix>-error`, `<prefix>-notice`). */
export function TaskingFormStatus({ formError, notice, testId }: { formError: string | null; notice: string | null; testId: string }) {
  return (
    <>
      {formError && (
        <p className="form-error" role="alert" data-testid={`${testId}-error`}>
          {formError}
        </p>
      )}
      {notice && (
        <p className="notice tasking-notice" role="status" data-testid={`${testId}-notice`}>
          {notice}
        </p>
      )}
    </>
  );
}
