import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { Unit } from '../../../server/protocol/dispatch';
import { useI18n } from '../i18n';
import { commandErrorText } from './commandErrors';
import { newCommandId, useHubCommand } from './commands';
import { emergencyKeys } from './emergencyQueries';

/** "Noodgeval melden": the desk puts a unit in 'noodgeval' by hand (an emergency over the radio), with a required note. */
export function EmergencySetForm({ unit, onDone }: { unit: Unit; onDone: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const run = useHubCommand();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!open) {
    return (
      <button type="button" className="btn btn-small btn-danger" onClick={() => setOpen(true)} data-testid="emergency-set-open">
        {t('emergency.set')}
      </button>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (note.trim() === '') {
      setError(t('emergency.noteRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await run('emergency:set', { commandId: newCommandId(), unitId: unit.id, note: note.trim() });
      void queryClient.invalidateQueries({ queryKey: emergencyKeys.open });
      onDone();
    } catch (err) {
      setError(t('emergency.failed', { message: commandErrorText(i18n, err) }));
      setBusy(false);
    }
  };

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
