/** The map's own address search: choose an address, street or place and the map flies there. */
import { useI18n } from '../i18n';
import { AddressSearch } from './AddressSearch';

export function MapAddressSearch({ onFly }: { onFly: (at: { lat: number; lng: number }) => void }) {
  const { t } = useI18n();
  return (
    <search className="map-search">
      <AddressSearch label={t('address.mapSearch')} hideLabel testId="map-search" onChoose={(chosen) => onFly({ lat: chosen.lat, lng: chosen.lng })} />
    </search>
  );
}
