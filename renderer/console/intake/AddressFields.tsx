/**
 * The intake form's "where": the address search, the address fields (street, number, postcode, place,
 * filled in one step by a choice or a map click, and editable), the nearest address of a clicked point
 * ("± 40 m"), and a flag when the address lies more than 25 m from the point.
 */
import type { RefObject } from 'react';
import { formatApproxDistance } from '../address/addressCheck';
import type { AddressParts } from '../address/addressParts';
import { AddressSearch } from '../address/AddressSearch';
import { useI18n } from '../i18n';
import { Field } from '../ui/Field';
import type { useAddressPoint } from './useAddressPoint';

interface AddressFieldsProps {
  address: ReturnType<typeof useAddressPoint>;
  error?: string;
  searchRef?: RefObject<HTMLInputElement | null>;
}

const FIELDS: ReadonlyArray<{ key: keyof AddressParts; label: 'address.street' | 'address.houseNumber' | 'address.postcode' | 'address.place'; testId: string }> = [
  { key: 'street', label: 'address.street', testId: 'report-street' },
  { key: 'houseNumber', label: 'address.houseNumber', testId: 'report-house-number' },
  { key: 'postcode', label: 'address.postcode', testId: 'report-postcode' },
  { key: 'place', label: 'address.place', testId: 'report-place' },
];

export function AddressFields({ address, error, searchRef }: AddressFieldsProps) {
  const { t } = useI18n();
  const { parts, nearest, check } = address;
  return (
    <div className="address-fields" data-testid="report-address-fields" data-origin={address.origin}>
      <AddressSearch label={t('address.search')} testId="address-search" onChoose={address.choose} inputRef={searchRef} />
      <div className="field-row address-row">
        {FIELDS.map(({ key, label, testId }) => (
          <Field key={key} label={t(label)} error={key === 'street' ? error : undefined} name={key === 'street' ? 'address' : key}>
            {(id) => (
              <input
                id={id}
                className={`address-part address-part-${key}`}
                value={parts[key]}
                onChange={(e) => address.edit(key, e.target.value)}
                data-testid={testId}
                aria-invalid={check.kind === 'far' || (key === 'street' && !!error)}
                aria-describedby={check.kind === 'far' ? 'address-check' : undefined}
                autoComplete="off"
              />
            )}
          </Field>
        ))}
      </div>
      {address.houseNotFound && (
        <p className="address-check approximate small" role="status" data-testid="address-approximate">
          {t('address.houseNotFound')}
        </p>
      )}
      {nearest && (
        <p className="muted small address-nearest" role="status" data-testid="address-nearest" data-state={nearest.state}>
          {nearest.state === 'looking' && t('address.looking')}
          {nearest.state === 'found' &&
            (nearest.distanceM !== undefined ? t('address.nearest', { distance: formatApproxDistance(nearest.distanceM) }) : null)}
          {nearest.state === 'none' && t('address.nearestNone')}
          {/* The spot is chosen already: what is missing is the address. */}
          {nearest.state === 'unavailable' && t('address.nearestUnavailable')}
        </p>
      )}
      {check.kind === 'far' && (
        <p id="address-check" className="address-check far" role="alert" data-testid="address-check" data-state="far">
          {t('address.far', { distance: formatApproxDistance(check.distanceM) })}{' '}
          <button type="button" className="link-button" onClick={address.moveToAddress} data-testid="address-move-point">
            {t('address.moveToAddress')}
          </button>
        </p>
      )}
      {check.kind === 'unknown' && address.origin === 'typed' && (
        <p className="address-check unknown small" role="status" data-testid="address-check" data-state="unknown">
          {t('address.unknown')}
        </p>
      )}
      {address.pending && (
        <p className="muted small" data-testid="address-checking">
          {t('address.checking')}
        </p>
      )}
    </div>
  );
}
