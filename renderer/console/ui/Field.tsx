import { type ReactNode, useId } from 'react';

/** A labelled form field with its error (`data-testid="field-error-<name>"`) right below the control. */
export function Field({
  label,
  error,
  name,
  children,
}: {
  label: string;
  error?: string;
  name: string;
  children: (id: string) => ReactNode;
}) {
  const id = useId();
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
      <FieldError error={error} name={name} />
    </div>
  );
}

export function FieldError({ error, name }: { error?: string; name: string }) {
  if (!error) return null;
  return (
    <span className="field-error" data-testid={`field-error-${name}`}>
      {error}
    </span>
  );
}
