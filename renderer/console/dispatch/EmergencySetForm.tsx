import { useState } from 'react';
import type { Unit } from '../../../server/protocol/dispatch';
import { useI18n } from '../i18n';
import { newCommandId } from './commands';
import { useEmergencyNoteCommand } from './useEmergencyNoteCommand';

/** "Noodgeval melden": the desk puts a unit in 'noodgeval' by hand (an emergency over the radio), with a required note. */
export function EmergencySetForm({ unit, onDone }: { unit: Unit; onDone: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const { note, setNote, busy, error, submit } = useEmergencyNoteCommand(
    (run, trimmed) => run('emergency:set', { commandId: newCommandId(), unitId: unit.id, note: trimmed }),
    onDone,
  );

  if (!open) {
    return (
      <button type="button" className="btn btn-small btn-danger" onClick={() => setOpen(true)} data-testid="emergency-set-open">
        {t('emergency.set')}
      </button>
    );
  }

  return (
    <form className="emergency-set" onSubmit={(e) => void submit(e)} data-testid="emergency-set-form">
      <label>
        {t('emergency.setTitle', { unit: unit.callsign })}
        <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={1000} placeholder={t('emergency.setNote')} autoFocus data-testid="emergency-set-note" />
      </label>
      <div className="emergency-actions">
        <button type="submit" className="btn btn-small btn-danger" disabled={busy} data-testid="emergency-set-submit">
          {busy && <span className="spinner" aria-hidden="true" />}
          {t('emergency.setSubmit')}
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={() => setOpen(false)}>
          {t('emergency.cancel')}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
