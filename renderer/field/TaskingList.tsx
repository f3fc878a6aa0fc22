import type { FieldState } from '../../server/protocol/socket';
import { formatDateTime } from '../shared/i18n/core';
import { useFieldI18n } from './messages';

/** The day's tasking from the police coordinator: which areas this unit works, in which shift, with what instructions. */
export function TaskingList({ tasking }: { tasking: FieldState['tasking'] }) {
  const { t, locale } = useFieldI18n();
  return (
    <section className="f-section f-card" data-testid="field-tasking" aria-labelledby="f-tasking-title">
      <h2 id="f-tasking-title">{t('tasking.title')}</h2>
      {tasking.length === 0 ? (
        <p className="f-muted">{t('tasking.none')}</p>
      ) : (
        <ul className="f-tasking">
          {tasking.map(({ entry, area }) => (
            <li key={entry.id} data-testid="field-tasking-area" data-area-id={area.id}>
              <div className="f-tasking-head">
                <strong>{area.name}</strong>
                <span className="f-chip">{t('tasking.shift', { shift: t(`shift.${entry.shift}`) })}</span>
              </div>
              <p className="f-muted f-small">
                {t('tasking.window', { from: formatDateTime(area.startsAt, locale), to: formatDateTime(area.endsAt, locale) })}
              </p>
              {area.instructions && <p className="f-instructions">{area.instructions}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
