import { useQuery } from '@tanstack/react-query';
import type { RunCardAdvice } from '../../../server/protocol/run-cards';
import { call } from '../../shared/api/call';
import { dispatchKeys } from '../api/dispatchQueries';
import { useI18n } from '../i18n';

/**
 * The report's run card with the recommendation ("2 BOA-eenheden nodig, 1 beschikbaar binnen 2 km", the team) and
 * offering to every suggested unit at once; and the collapsed recommendation once every slot is filled, with
 * "Extra eenheid" as the only way to offer another unit (the hub refuses one without it).
 */

/** Refetched with the recommendations (same key prefix: live events invalidate both). */
export function useRunCardAdvice(reportId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...dispatchKeys.recommendations(reportId), 'runCard'],
    queryFn: (): Promise<RunCardAdvice> => call('reports.runCard', { id: reportId }),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 30_000,
    retry: 1,
  });
}

export function RunCardLine({
  advice,
  callsigns,
  busy,
  onOfferAll,
}: {
  advice: RunCardAdvice;
  callsigns: (ids: readonly string[]) => string;
  busy: boolean;
  onOfferAll: (unitIds: string[]) => void;
}) {
  const { t, text } = useI18n();
  return (
    <div className="notice dispatch-notice run-card-line" data-testid="run-card-line" data-needed={advice.needed} data-accepted={advice.accepted}>
      <span data-testid="run-card-text">{text(advice.text)}</span>
      {advice.card?.team && <span className="muted small"> · {t('runCard.team', { team: advice.card.team })}</span>}
      {advice.suggested.length > 1 && (
        <button
          type="button"
          className="btn btn-small"
          disabled={busy}
          onClick={() => onOfferAll(advice.suggested)}
          data-testid="run-card-offer-all"
        >
          {t('runCard.offerAll', { units: callsigns(advice.suggested) })}
        </button>
      )}
    </div>
  );
}

/** Every slot filled: the list is collapsed; "Extra eenheid" opens it for a deliberate extra offer. */
export function FilledNotice({ units, onExtra }: { units: string; onExtra: () => void }) {
  const { t } = useI18n();
  return (
    <div className="notice dispatch-notice" data-testid="dispatch-collapsed">
      <span>{t('runCard.hasUnit', { units })}</span>{' '}
      <button type="button" className="btn btn-small" title={t('runCard.extraTitle')} onClick={onExtra} data-testid="dispatch-extra">
        {t('runCard.extra')}
      </button>
    </div>
  );
}

export function ExtraNotice({ units, onCancel }: { units: string; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <p className="notice dispatch-notice" data-testid="dispatch-extra-notice">
      {t('runCard.extraNotice', { units })}{' '}
      <button type="button" className="btn btn-small btn-ghost" onClick={onCancel}>
        {t('runCard.extraCancel')}
      </button>
    </p>
  );
}
