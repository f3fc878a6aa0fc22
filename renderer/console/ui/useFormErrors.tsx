import { useId, useState } from 'react';
import { errorFields, errorMessage } from '../../shared/api/refusal';
import { useI18n } from '../i18n';

/**
 * A small form's refusals: the hub's errors by field, else one for the whole form (`form`), in the reader's language.
 * `field(name)` ties a control to its message (aria-invalid, aria-describedby), `error(name)` is that message.
 */
export function useFormErrors() {
  const { text: translate } = useI18n();
  const id = useId();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const refused = (err: unknown) => setErrors(errorFields(err, translate) ?? { form: errorMessage(err, translate) });
  const clear = () => setErrors({});
  const field = (name: string) => (errors[name] ? { 'aria-invalid': true, 'aria-describedby': `${id}-${name}-error` } : {});
  const error = (name: string) =>
    errors[name] ? (
      <span className="form-error small" id={`${id}-${name}-error`}>
        {errors[name]}
      </span>
    ) : null;
  return { refused, clear, field, error };
}
