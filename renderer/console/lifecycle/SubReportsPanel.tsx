import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import type { Category, Report } from '../../../server/protocol/report';
import type { NewPart, SubReportPart } from '../../../server/protocol/sub-reports';
import { call } from '../../shared/api/call';
import { errorFields, errorMessage } from '../../shared/api/refusal';
import { useCan } from '../../shared/auth/useCan';
import { useI18n } from '../i18n';
import { categoryName } from '../ui/categoryName';
import './subReports.css';
import { submitOnCtrlEnter } from './submitOnCtrlEnter';

/**
 * Sub-reports (deelmeldingen) in a report's detail: the main report of a part, or the parts of a split report
 * ("2 delen, 1 open", each part with its team, status and what it did), and "Splitsen in delen" for the desk.
 * Under the report's detail key, so an event about the report reloads it; an event about a part reloads every
 * open parts list (api/queries.ts applySubReportEvent).
 */
export const partsKey = (reportId: string) => ['report', reportId, 'parts'] as const;

interface Props {
  report: Report;
  categories: ReadonlyMap<string, Category>;
  onOpenReport?: ((id: string) => void) | undefined;
}

export function SubReportsPanel({ report, categories, onOpenReport }: Props) {
  const { t, locale } = useI18n();
  const canSplit = useCan('report.split');
  const [splitting, setSplitting] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const query = useQuery({
    queryKey: partsKey(report.id),
    queryFn: ({ signal }) => call('reports.parts', { id: report.id }, undefined, { signal }),
    staleTime: Infinity,
  });
  const detail = query.data;
  if (!detail) return null;
  if (detail.partOf) {
    const main = detail.partOf;
    return (
      <section className="detail-section" aria-label={t('parts.title')} data-testid="sub-reports">
        <p data-testid="part-of">
          {t('parts.partOf', { number: main.number, team: main.team })}{' '}
          {onOpenReport && (
            <button type="button" className="btn btn-ghost btn-small" onClick={() => onOpenReport(main.id)}>
              {t('parts.openMain')}
            </button>
          )}
        </p>
      </section>
    );
  }
  const mayAdd = canSplit && report.status !== 'closed';
  if (detail.parts.length === 0 && !mayAdd) return null;
  const open = detail.parts.filter((p) => p.status !== 'closed').length;
  return (
    <section className="detail-section" aria-label={t('parts.title')} data-testid="sub-reports">
      <h3>
        {t('parts.title')}
        {detail.parts.length > 0 && <span className="muted small"> · {t('parts.summary', { total: detail.parts.length, open })}</span>}
      </h3>
      {detail.parts.length > 0 && (
        <ul className="parts-list">
          {detail.parts.map((part) => (
            <PartRow key={part.id} part={part} categoryLabel={categoryName(categories, part.category, locale)} onOpenReport={onOpenReport} />
          ))}
        </ul>
      )}
      {open > 0 && <p className="muted small">{t('parts.closeFirst')}</p>}
      {done && (
        <p className="small" role="status">
          {done}
        </p>
      )}
      {mayAdd &&
        (splitting ? (
          <SplitForm
            report={report}
            categories={categories}
            onDone={(numbers) => {
              setSplitting(false);
              setDone(numbers ? t('parts.done', { count: numbers.length, numbers: numbers.join(', ') }) : null);
            }}
          />
        ) : (
          <button type="button" className="btn btn-small" onClick={() => setSplitting(true)} data-testid="split-open">
            {t('parts.split')}
          </button>
        ))}
    </section>
  );
}

function PartRow({ part, categoryLabel, onOpenReport }: { part: SubReportPart; categoryLabel: string; onOpenReport?: ((id: string) => void) | undefined }) {
  const { t } = useI18n();
  const action = part.resolution?.state === 'confirmed' ? part.resolution.body.action.text : null;
  return (
    <li className="part-row" data-testid="part-row" data-part-number={part.number} data-status={part.status}>
      {onOpenReport ? (
        <button type="button" className="btn btn-ghost btn-small" onClick={() => onOpenReport(part.id)}>
          {part.number}
        </button>
      ) : (
        <strong>{part.number}</strong>
      )}{' '}
      <span>
        {part.team} · {categoryLabel} · {t(`status.${part.status}`)}
        {part.outcome && ` (${t(`outcome.${part.outcome}`)})`}
      </span>
      <div className="muted small">{part.description}</div>
      {action && <div className="small">{action}</div>}
    </li>
  );
}

interface Draft {
  key: number;
  category: string;
  team: string;
  description: string;
}

function SplitForm({ report, categories, onDone }: { report: Report; categories: ReadonlyMap<string, Category>; onDone: (numbers: string[] | null) => void }) {
  const { t, text, locale } = useI18n();
  const queryClient = useQueryClient();
  const teams = useMemo(() => [...new Set([...categories.values()].map((c) => c.department))].sort(), [categories]);
  const [drafts, setDrafts] = useState<Draft[]>([{ key: 1, category: report.category, team: '', description: '' }]);
  const split = useMutation({
    mutationFn: (parts: NewPart[]) => call('reports.split', { id: report.id }, { parts, expectedVersion: report.version }),
    onSuccess: (answer) => {
      void queryClient.invalidateQueries({ queryKey: ['report', report.id] });
      onDone(answer.parts.map((p) => p.number));
    },
  });
  const fields = split.error ? errorFields(split.error, text) : undefined;
  const change = (key: number, patch: Partial<Draft>) => setDrafts((all) => all.map((d) => (d.key === key ? { ...d, ...patch } : d)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    split.mutate(
      drafts.map((d) => ({
        category: d.category,
        description: d.description,
        ...(d.team ? { team: d.team } : {}),
      })),
    );
  };
  return (
    <form className="split-form" onSubmit={submit} onKeyDown={submitOnCtrlEnter} data-testid="split-form" aria-label={t('parts.split')}>
      <p className="muted small">{t('parts.splitHint')}</p>
      {drafts.map((draft, i) => (
        <fieldset key={draft.key} className="split-part" data-testid="split-part">
          <legend>
            {t('parts.title')} {i + 1}
          </legend>
          <label>
            {t('parts.category')}
            <select value={draft.category} onChange={(e) => change(draft.key, { category: e.target.value })} data-testid="split-category">
              {[...categories.values()].map((c) => (
                <option key={c.code} value={c.code}>
                  {categoryName(categories, c.code, locale)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('parts.team')}
            <select value={draft.team} onChange={(e) => change(draft.key, { team: e.target.value })} data-testid="split-team">
              <option value="">
                {t('parts.teamOfCategory')} ({categories.get(draft.category)?.department ?? ''})
              </option>
              {teams.map((team) => (
                <option key={team} value={team}>
                  {team}
                </option>
              ))}
            </select>
          </label>
          {fields?.[`parts.${i}.team`] && <span className="form-error small">{fields[`parts.${i}.team`]}</span>}
          <label>
            {t('parts.description')}
            <textarea
              value={draft.description}
              onChange={(e) => change(draft.key, { description: e.target.value })}
              rows={2}
              maxLength={4000}
              required
              minLength={3}
              data-testid="split-description"
            />
          </label>
          {fields?.[`parts.${i}.description`] && <span className="form-error small">{fields[`parts.${i}.description`]}</span>}
          {drafts.length > 1 && (
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setDrafts((all) => all.filter((d) => d.key !== draft.key))}>
              {t('parts.removePart')}
            </button>
          )}
        </fieldset>
      ))}
      {split.error && (
        <p className="form-error" role="alert" data-testid="split-error">
          {errorMessage(split.error, text)}
        </p>
      )}
      <div className="form-actions">
        {drafts.length < 10 && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setDrafts((all) => [...all, { key: Math.max(...all.map((d) => d.key)) + 1, category: report.category, team: '', description: '' }])}
            data-testid="split-add"
          >
            {t('parts.addPart')}
          </button>
        )}
        <button type="submit" className="btn btn-primary btn-small" disabled={split.isPending} data-testid="split-submit">
          {t('parts.submit')}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={() => onDone(null)}>
          {t('parts.cancel')}
        </button>
      </div>
    </form>
  );
}
