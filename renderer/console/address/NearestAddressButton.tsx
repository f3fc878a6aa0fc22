/**
 * A unit's nearest address, on demand: positions arrive several times a second, so nothing is looked up
 * until the dispatcher asks ("Adres?"); the answer is for the position at that moment, cached per point,
 * and asking again looks up where the unit is now.
 */
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n';
import { formatApproxDistance } from './addressCheck';
import { shortAddressLabel } from './addressParts';
import { isAddressUnavailable, useNearestAddress } from './addressQueries';

interface NearestAddressButtonProps {
  position: { lat: number; lng: number } | null;
  testId?: string;
  /** Bumped by the units board's "a" key on the selected row: ask as a click would (the row is a listbox option, its buttons are not in the tab order). */
  askRequest?: number;
}

export function NearestAddressButton({ position, testId = 'unit-nearest', askRequest = 0 }: NearestAddressButtonProps) {
  const { t } = useI18n();
  const [asked, setAsked] = useState<{ lat: number; lng: number } | null>(null);
  const query = useNearestAddress(asked, asked !== null);
  const latest = useRef(position);
  latest.current = position;
  useEffect(() => {
    const at = latest.current;
    if (askRequest > 0 && at) setAsked({ lat: at.lat, lng: at.lng });
  }, [askRequest]);
  if (!position) return null;
  const answer = query.data;
  let label = t('address.ask');
  let title = t('address.askTitle');
  if (asked && query.isFetching) label = '…';
  else if (asked && query.isError) label = title = isAddressUnavailable(query.error) ? t('address.unavailable') : '—';
  else if (answer?.address && answer.distanceM !== null) {
    const distance = formatApproxDistance(answer.distanceM);
    label = t('address.near', { address: shortAddressLabel(answer.address.label), distance });
    title = `${answer.address.label} (${distance})`;
  } else if (answer) label = title = t('address.nearestNone');
  return (
    <button
      type="button"
      className="link-button unit-nearest"
      tabIndex={-1}
      title={title}
      aria-live="polite"
      onClick={(e) => {
        e.stopPropagation();
        setAsked({ lat: position.lat, lng: position.lng });
      }}
      data-testid={testId}
      data-state={!asked ? 'idle' : query.isFetching ? 'busy' : answer ? 'found' : 'failed'}
    >
      {label}
    </button>
  );
}
