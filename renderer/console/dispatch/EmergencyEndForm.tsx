import { useState } from 'react';
import { EMERGENCY_RETURN_STATUSES, EMERGENCY_RETURN_WITH_REPORT } from '../../../server/domain/unit-status';
import type { UnitStatus } from '../../../server/protocol/dispatch';
import type { OpenEmergency } from '../../../server/protocol/emergency';
import { useI18n } from '../i18n';
import { newCommandId } from './commands';
import { useEmergencyNoteCommand } from './useEmergencyNoteCommand';

/** Ends an emergency: a note (required) and the status the unit returns to (with its report only if it still has one). */
export function EmergencyEndForm({ emergency, holdsReport, onClose }: { emergency: OpenEmergency; holdsReport: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<UnitStatus>('beschikbaar');
  const options = EMERGENCY_RETURN_STATUSES.filter((s) => holdsReport || !EMERGENCY_RETURN_WITH_REPORT.includes(s));
  const { note, setNote, busy, error, submit } = useEmergencyNoteCommand(
    (run, trimmed) => run('emergency:end', { commandId: newCommandId(), emergencyId: emergency.id, note: trimmed, returnStatus: status }),
    onClose,
  );

  return (
    <form className="emergency-end" onSubmit={(e) => void submit(e)} data-testid="emergency-end-form" aria-label={t('emergency.endTitle', { unit: emergency.callsign })}>
      <strong>{t('emergency.endTitle', { unit: emergency.callsign })}</strong>
      <label>
        {t('emergency.endNote')}
        <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={1000} autoFocus data-testid="emergency-end-note" />
      </label>
      <label>
        {t('emergency.endStatus')}
        <select value={status} onChange={(e) => setStatus(e.target.value as UnitStatus)} data-testid="emergency-end-status">
          {options.map((s) => (
            <option key={s} value={s}>
              {EMERGENCY_RETURN_WITH_REPORT.includes(s) ? t('emergency.endStatusWithReport', { status: t(`unit.status.${s}`) }) : t(`unit.status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="emergency-actions">
        <button type="submit" className="btn btn-danger" disabled={busy} data-testid="emergency-end-submit">
          {busy && <span className="spinner" aria-hidden="true" />}
          {t('emergency.endSubmit')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onClose}>
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
