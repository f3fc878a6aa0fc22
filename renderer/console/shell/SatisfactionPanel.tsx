import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { call } from '../../shared/api/call';
import { errorMessage } from '../../shared/api/refusal';
import { useI18n } from '../i18n';

const DAY_MS = 86_400_000;
const PERIODS = [7, 30, 90] as const;

/**
 * The shift lead's small satisfaction panel (KTO): answers and reasons of a period from GET /api/satisfaction,
 * a popover opened from the header's tools (HeaderTools.tsx).
 */
export function SatisfactionPanel({ onClose }: { onClose: () => void }) {
  const { t, text, locale } = useI18n();
  const id = useId();
  const [days, setDays] = useState<(typeof PERIODS)[number]>(30);
  // Whole minutes, so the query key is stable while the panel is open.
  const [to] = useState(() => new Date(Math.ceil(Date.now() / 60_000) * 60_000).toISOString());
  const from = new Date(Date.parse(to) - days * DAY_MS).toISOString();
  const query = useQuery({
    queryKey: ['satisfaction', from, to],
    queryFn: ({ signal }) => call('satisfaction.get', { from, to }, undefined, { signal }),
    staleTime: 60_000,
  });
  const data = query.data;
  return (
    <div
      className="satisfaction-panel popover"
      role="dialog"
      aria-labelledby={`${id}-title`}
      data-testid="satisfaction-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <h3 id={`${id}-title`}>{t('satisfaction.title')}</h3>
      <label htmlFor={`${id}-period`}>{t('satisfaction.periodLabel')} </label>
      <select id={`${id}-period`} value={days} onChange={(e) => setDays(Number(e.target.value) as (typeof PERIODS)[number])}>
        {PERIODS.map((d) => (
          <option key={d} value={d}>
            {t(`satisfaction.days${d}`)}
          </option>
        ))}
      </select>
      {query.isPending ? (
        <p className="muted small">{t('satisfaction.loading')}</p>
      ) : query.isError ? (
        <p className="form-error small" role="alert">
          {t('satisfaction.error', { message: errorMessage(query.error, text) })}
        </p>
      ) : data ? (
        <>
          <p className="small" data-testid="satisfaction-summary" title={t('satisfaction.closingsHint')}>
            {t('satisfaction.summary', {
              answers: t(data.answered === 1 ? 'satisfaction.answers.one' : 'satisfaction.answers.other', { n: data.answered }),
              closings: t(data.asked === 1 ? 'satisfaction.closings.one' : 'satisfaction.closings.other', { n: data.asked }),
              rate: Math.round(data.responseRate * 100),
              satisfied: data.satisfied,
              unsatisfied: data.unsatisfied,
            })}
          </p>
          {data.reasons.length === 0 ? (
            <p className="muted small">{t('satisfaction.none')}</p>
          ) : (
            <table className="satisfaction-table" data-testid="satisfaction-reasons">
              <thead>
                <tr>
                  <th scope="col">{t('satisfaction.reason')}</th>
                  <th scope="col">{t('satisfaction.count')}</th>
                </tr>
              </thead>
              <tbody>
                {data.reasons.map((r) => (
                  <tr key={r.code} data-reason={r.code}>
                    <td>
                      {r.satisfied === true ? '👍 ' : r.satisfied === false ? '👎 ' : ''}
                      {locale === 'en' ? r.en : r.nl}
                    </td>
                    <td>{r.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
      <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
        {t('satisfaction.close')}
      </button>
    </div>
  );
}
