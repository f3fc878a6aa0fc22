import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useI18n } from '../i18n';
import { commandErrorText } from './commandErrors';
import { useHubCommand } from './commands';
import { emergencyKeys } from './emergencyQueries';

type HubRun = ReturnType<typeof useHubCommand>;

/**
 * The note-carrying emergency commands (set by hand, end): a required note, a busy flag, a readable error, and the
 * open emergencies re-read after the hub accepted the command. `send` gets the trimmed note.
 */
export function useEmergencyNoteCommand(send: (run: HubRun, note: string) => Promise<unknown>, onDone: () => void) {
  const i18n = useI18n();
  const run = useHubCommand();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (note.trim() === '') {
      setError(i18n.t('emergency.noteRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await send(run, note.trim());
      void queryClient.invalidateQueries({ queryKey: emergencyKeys.open });
      onDone();
    } catch (err) {
      setError(i18n.t('emergency.failed', { message: commandErrorText(i18n, err) }));
      setBusy(false);
    }
  };

  return { note, setNote, busy, error, submit };
}
