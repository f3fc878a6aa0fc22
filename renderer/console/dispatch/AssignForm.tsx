import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FocusArea, TaskingEntry, Unit } from '../../../server/protocol/dispatch';
import { dispatchApi, type TaskingSnapshot } from '../api/dispatch';
import { dispatchKeys } from '../api/dispatchQueries';
import { useI18n } from '../i18n';
import { Field } from '../ui/Field';
import { currentShift, SHIFTS, useShiftSettings } from './shifts';
import { TaskingFormStatus, useTaskingSave } from './useTaskingSave';

/** Tasks a unit to a focus area for a shift on the given date. */
export function AssignForm({ date, units, areas }: { date: string; units: readonly Unit[]; areas: readonly FocusArea[] }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [unitId, setUnitId] = useState('');
  const [areaId, setAreaId] = useState('');
  const shiftSettings = useShiftSettings();
  const [shift, setShift] = useState<TaskingEntry['shift']>(() => currentShift(new Date(), shiftSettings));
  const { errors, formError, notice, saving, save } = useTaskingSave();

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!unitId) problems.unitId = t('tasking.required');
    if (!areaId) problems.areaId = t('tasking.required');
    await save(problems, async () => {
      const entry = await dispatchApi.createTasking({ date, unitId, areaId, shift });
      queryClient.setQueryData<TaskingSnapshot>(dispatchKeys.tasking(date), (old) => {
        const area = areas.find((a) => a.id === entry.areaId);
        return old && area ? { ...old, tasking: [...old.tasking, { entry, area }] } : old;
      });
      void queryClient.invalidateQueries({ queryKey: dispatchKeys.taskingAll });
      setUnitId('');
      return t('tasking.assigned', {
        unit: units.find((u) => u.id === unitId)?.callsign ?? unitId,
        area: areas.find((a) => a.id === areaId)?.name ?? areaId,
        shift: t(`shift.${shift}`),
      });
    });
  };

  return (
    <form className="detail-section tasking-form" onSubmit={(e) => void submit(e)} data-testid="tasking-form" noValidate>
      <h3>{t('tasking.assign')}</h3>
      <div className="field-row">
        <Field label={t('tasking.unit')} error={errors.unitId} name="unitId">
          {(id) => (
            <select id={id} value={unitId} onChange={(e) => setUnitId(e.target.value)} data-testid="tasking-unit">
              <option value="">{t('tasking.chooseUnit')}</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.callsign} · {t(`unitKindShort.${u.kind}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('tasking.shift')} error={errors.shift} name="shift">
          {(id) => (
            <select
              id={id}
              value={shift}
              onChange={(e) => setShift(e.target.value as TaskingEntry['shift'])}
              data-testid="tasking-shift"
            >
              {SHIFTS.map((s) => (
                <option key={s} value={s}>
                  {t(`shift.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label={t('tasking.area')} error={errors.areaId} name="areaId">
        {(id) => (
          <select id={id} value={areaId} onChange={(e) => setAreaId(e.target.value)} data-testid="tasking-area">
            <option value="">{t('tasking.chooseArea')}</option>
            {areas.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TaskingFormStatus formError={formError} notice={notice} testId="tasking" />
      <button type="submit" className="btn btn-primary" disabled={saving} data-testid="tasking-submit">
        {saving && <span className="spinner" aria-hidden="true" />}
        {t('tasking.assignSubmit')}
      </button>
    </form>
  );
}
