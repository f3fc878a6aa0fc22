import type { FieldAssist } from '../../server/protocol/emergency';
import { useFieldI18n } from './messages';
import { navigationUrl } from './navigationUrl';

/**
 * "Assistentie gevraagd": the desk asked this unit to help a unit in an emergency. It is a request, not an
 * offer: nothing to accept, the unit's status does not change; it goes there if it can and says so by radio.
 * It stays until the emergency ends.
 */
export function AssistCards({ assists }: { assists: readonly FieldAssist[] }) {
  const { t } = useFieldI18n();
  if (assists.length === 0) return null;
  return (
    <>
      {assists.map((a) => {
        const where = a.address ?? (a.position ? `${a.position.lat.toFixed(5)}, ${a.position.lng.toFixed(5)}` : null);
        return (
          <section key={a.emergencyId} className="f-section f-card f-assist" role="alert" data-testid="field-assist" data-emergency-id={a.emergencyId}>
            <h2>{t('assist.title')}</h2>
            <p>{t('assist.body', { callsign: a.callsign })}</p>
            {where ? <p data-testid="field-assist-where">{t('assist.where', { where })}</p> : <p>{t('assist.noPosition')}</p>}
            {a.distanceM !== null && <p className="f-muted">{t('assist.distance', { m: a.distanceM })}</p>}
            {a.position && (
              <a className="f-btn" href={navigationUrl(a.position.lat, a.position.lng)} target="_blank" rel="noreferrer">
                {t('assist.navigate')}
              </a>
            )}
          </section>
        );
      })}
    </>
  );
}
