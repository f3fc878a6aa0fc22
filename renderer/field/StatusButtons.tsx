import type { UnitTransition } from '../../server/domain/unit-status';
import { useFieldI18n } from './messages';

/** The unit's own next steps (server/domain/unit-status, as the unit itself), from the status after any queued change. */
export function StatusButtons({
  transitions,
  pending,
  onPick,
}: {
  transitions: readonly UnitTransition[];
  pending: boolean;
  /** The transition with its label in the user's language (the queue's notice names it). */
  onPick: (transition: UnitTransition) => void;
}) {
  const { t, text } = useFieldI18n();
  if (transitions.length === 0) return <p className="f-muted">{t('status.none')}</p>;
  return (
    <div className="f-status-buttons" data-testid="field-status-buttons" data-pending={pending ? 'true' : 'false'}>
      {transitions.map((tr) => {
        const label = text(tr.labelText);
        return (
          <button
            key={tr.to}
            type="button"
            className={`f-btn f-btn-status f-status-${tr.to}`}
            onClick={() => onPick({ ...tr, label })}
            data-testid={`field-status-${tr.to}`}
          >
            {label}
          </button>
        );
      })}
    </div>
  );
}
