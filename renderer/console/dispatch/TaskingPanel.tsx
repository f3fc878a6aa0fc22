import { useMemo } from 'react';
import { isAllowed } from '../../../server/domain/permissions';
import type { FocusArea, Unit } from '../../../server/protocol/dispatch';
import { errorMessage } from '../../shared/api/refusal';
import { useTasking, useUnits } from '../api/dispatchQueries';
import { formatDateTime, formatLongDate, useI18n } from '../i18n';
import { Loading } from '../ui/Loading';
import { AssignForm } from './AssignForm';
import { useDispatchContext } from './commands';
import { byCallsign } from './format';
import { type DrawControl, NewAreaForm } from './NewAreaForm';
import { RunCardEditor } from './RunCardEditor';

// The shell builds the focus-area form and the drawing control with these.
export { type DrawControl, NewAreaForm };

interface TaskingPanelProps {
  date: string;
  draw: DrawControl;
  onShowArea: (area: FocusArea) => void;
  highlightAreaId: string | null;
  onClose: () => void;
}

/** Today's briefing: focus areas with their units; the police coordinator draws areas and tasks units. */
export function TaskingPanel({ date, draw, onShowArea, highlightAreaId, onClose }: TaskingPanelProps) {
  const { t, text, locale } = useI18n();
  const { role } = useDispatchContext();
  const canWrite = isAllowed('tasking.write', role);
  const query = useTasking(date, true);
  const unitsQuery = useUnits(true);
  const units = useMemo(() => [...(unitsQuery.data?.units ?? [])].sort(byCallsign), [unitsQuery.data?.units]);
  const unitsById = useMemo(() => new Map<string, Unit>(units.map((u) => [u.id, u])), [units]);

  /** Active areas plus those only known through today's tasking (e.g. starting later today). */
  const areas = useMemo(() => {
    const byId = new Map<string, FocusArea>();
    for (const a of query.data?.areas ?? []) byId.set(a.id, a);
    for (const { area } of query.data?.tasking ?? []) if (!byId.has(area.id)) byId.set(area.id, area);
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  }, [query.data]);

  return (
    <aside className="detail-panel tasking-panel" aria-label={t('tasking.title', { date })} data-testid="tasking-panel">
      <div className="detail-head">
        <h2>{t('tasking.title', { date: formatLongDate(date, locale) })}</h2>
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose} data-testid="tasking-close">
          {t('tasking.close')} <kbd>Esc</kbd>
        </button>
      </div>
      <div className="detail-body">
        <section className="detail-section first" aria-label={t('tasking.areas')}>
          <h3>{t('tasking.areas')}</h3>
          {query.isPending ? (
            <Loading label={t('tasking.loading')} />
          ) : query.isError ? (
            <p className="form-error" role="alert">
              {t('tasking.error', { message: errorMessage(query.error, text) })}
            </p>
          ) : areas.length === 0 ? (
            <p className="muted small" data-testid="tasking-empty">
              {t('tasking.noAreas')}
            </p>
          ) : (
            <ul className="area-list">
              {areas.map((area) => {
                const entries = (query.data?.tasking ?? []).filter((x) => x.area.id === area.id).map((x) => x.entry);
                return (
                  <li
                    key={area.id}
                    className={`area-row${highlightAreaId === area.id ? ' highlighted' : ''}`}
                    data-testid="tasking-area-row"
                    data-area-id={area.id}
                  >
                    <div className="row-line">
                      <strong className="area-name">{area.name}</strong>
                      <span className="muted small">
                        {t('tasking.window', {
                          from: formatDateTime(area.startsAt, locale),
                          to: formatDateTime(area.endsAt, locale),
                        })}
                      </span>
                      <span className="row-spacer" />
                      <button type="button" className="btn btn-small" onClick={() => onShowArea(area)}>
                        {t('tasking.showArea')}
                      </button>
                    </div>
                    {area.instructions && <p className="area-instructions small">{area.instructions}</p>}
                    {entries.length === 0 ? (
                      <p className="muted small">{t('tasking.noUnits')}</p>
                    ) : (
                      <ul className="area-units">
                        {entries.map((e) => (
                          <li key={e.id} data-testid="tasking-entry" data-unit-id={e.unitId}>
                            <strong>{unitsById.get(e.unitId)?.callsign ?? e.unitId}</strong>{' '}
                            <span className="muted">{t(`shift.${e.shift}`)}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
        {canWrite ? (
          <>
            <NewAreaForm draw={draw} />
            <AssignForm date={date} units={units} areas={areas} />
          </>
        ) : (
          <p className="muted small">{t('tasking.readOnly')}</p>
        )}
        <RunCardEditor />
      </div>
    </aside>
  );
}
