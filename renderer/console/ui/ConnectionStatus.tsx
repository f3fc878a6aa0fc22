import { useT } from '../i18n';
import type { ConnectionState } from '../live/eventStream';

export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const t = useT();
  return (
    <output
      className={`conn conn-${state}`}
      data-testid="connection-status"
      data-state={state}
      title={t('conn.title')}
      aria-live="polite"
    >
      <span className="conn-dot" aria-hidden="true" />
      {t(`conn.${state}`)}
    </output>
  );
}
