export function Loading({ label, inline = false }: { label: string; inline?: boolean }) {
  return (
    <span className={inline ? 'loading loading-inline' : 'loading'} role="status" data-testid="loading">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </span>
  );
}
