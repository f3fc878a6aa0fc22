import { useState } from 'react';
import { allowedUnitTransitions, type UnitActor } from '../../../server/domain/unit-status';
import type { Assignment, Unit, UnitStatus } from '../../../server/protocol/dispatch';
import { useI18n } from '../i18n';
import { isAllowed } from '../../../server/domain/permissions';
import { commandErrorText } from './commandErrors';
import { EmergencySetForm } from './EmergencySetForm';
import { newCommandId, useHubCommand } from './commands';

/** Status buttons for one unit, from the unit status table for the user's role. */
export function UnitActions({
  unit,
  actor,
  assignments,
  onClose,
}: {
  unit: Unit;
  actor: UnitActor;
  assignments: readonly Assignment[];
  onClose: () => void;
}) {
  const i18n = useI18n();
  const { t, text } = i18n;
  const run = useHubCommand();
  const [busy, setBusy] = useState<UnitStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const transitions = allowedUnitTransitions(unit.status, actor);
  const accepted = assignments.find((a) => a.unitId === unit.id && a.state === 'accepted');

  const go = async (to: UnitStatus) => {
    setBusy(to);
    setError(null);
    try {
      if (to === 'beschikbaar' && unit.status === 'onderweg' && accepted) {
        // Taking a unit off its way to a report is an unassignment (the report goes back to the queue).
        await run('assignment:unassign', {
          commandId: newCommandId(),
          assignmentId: accepted.id,
          reason: t('dispatch.unassignReason'),
        });
      } else {
        await run('unit:status', { commandId: newCommandId(), unitId: unit.id, status: to });
      }
      onClose();
    } catch (e) {
      setError(t('units.statusFailed', { message: commandErrorText(i18n, e) }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="unit-actions" data-testid="unit-actions" data-unit-id={unit.id}>
      <div className="unit-actions-head">
        <strong>{t('units.actions', { unit: unit.callsign })}</strong>
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
          {t('dispatch.cancel')}
        </button>
      </div>
      {transitions.length === 0 ? (
        <p className="muted small">{t('units.noActions')}</p>
      ) : (
        <div className="transition-buttons">
          {transitions.map((tr) => (
            <button
              key={tr.to}
              type="button"
              className="btn btn-small"
              disabled={busy !== null}
              onClick={() => void go(tr.to)}
              title={t('units.stepTo', { status: t(`unit.status.${tr.to}`) })}
              data-testid={`unit-status-${tr.to}`}
            >
              {busy === tr.to && <span className="spinner" aria-hidden="true" />}
              {text(tr.labelText)}
            </button>
          ))}
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {/* An emergency over the radio: the unit goes into 'noodgeval' (ended from the emergency panel). */}
      {unit.status !== 'noodgeval' && isAllowed('emergency.manage', actor === 'field' || actor === 'system' ? 'field' : actor) && (
        <EmergencySetForm unit={unit} onDone={onClose} />
      )}
    </div>
  );
}
