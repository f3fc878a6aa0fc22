import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isAllowed } from '../../../server/domain/permissions';
import type { UnitKind } from '../../../server/protocol/dispatch';
import type { Priority } from '../../../server/protocol/report';
import type { RunCard, RunCardFields } from '../../../server/protocol/run-cards';
import { call } from '../../shared/api/call';
import { errorMessage } from '../../shared/api/refusal';
import { useI18n } from '../i18n';
import { useDispatchContext } from './commands';

const UNIT_KINDS: readonly UnitKind[] = ['boa_domein_1', 'toezicht_parkeren', 'toezicht_afval_fietsen'];
const PRIORITIES: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];
const runCardsKey = ['runCards'] as const;

const EMPTY = { category: '', areaKind: 'any' as RunCardFields['area']['kind'], areaId: '', from: '', to: '', units: 1, kind: '', team: '', priority: '' };

/** Run cards (inzetvoorstellen): every console reads them; the shift lead adds and deletes them here. */
export function RunCardEditor() {
  const { t, text } = useI18n();
  const { role } = useDispatchContext();
  const canWrite = isAllowed('runcards.write', role);
  const queryClient = useQueryClient();
  const cards = useQuery({ queryKey: runCardsKey, queryFn: () => call('runCards.list', {}) });
  const [form, setForm] = useState(EMPTY);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: key === 'units' ? Number(e.target.value) : e.target.value }));

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    const area: RunCardFields['area'] = form.areaKind === 'any' ? { kind: 'any' } : { kind: form.areaKind, id: form.areaId.trim() };
    const body: RunCardFields = {
      category: form.category.trim(),
      area,
      from: form.from.trim() || null,
      to: form.to.trim() || null,
      unitKinds: form.kind ? [form.kind as UnitKind] : [],
      units: form.units,
      team: form.team.trim() || null,
      priority: (form.priority || null) as Priority | null,
    };
    try {
      await call('runCards.create', {}, body);
      setForm(EMPTY);
      setStatus({ ok: true, text: t('runCard.editor.saved') });
      await queryClient.invalidateQueries({ queryKey: runCardsKey });
    } catch (e) {
      setStatus({ ok: false, text: t('runCard.editor.failed', { message: errorMessage(e, text) }) });
    }
  };

  const remove = async (card: RunCard) => {
    try {
      await call('runCards.delete', { id: card.id });
      await queryClient.invalidateQueries({ queryKey: runCardsKey });
    } catch (e) {
      setStatus({ ok: false, text: t('runCard.editor.failed', { message: errorMessage(e, text) }) });
    }
  };

  const areaText = (card: RunCard) =>
    card.area.kind === 'any'
      ? t('runCard.editor.areaAny')
      : t(card.area.kind === 'focus_area' ? 'runCard.editor.areaFocus' : 'runCard.editor.areaNeighbourhood', { id: card.area.id });

  return (
    <section className="detail-section run-card-editor" data-testid="run-card-editor" aria-label={t('runCard.editor.title')}>
      <h3>{t('runCard.editor.title')}</h3>
      <p className="muted small">{t('runCard.editor.intro')}</p>
      {(cards.data?.runCards ?? []).length === 0 ? (
        <p className="muted small">{t('runCard.editor.empty')}</p>
      ) : (
        <ul className="run-cards">
          {(cards.data?.runCards ?? []).map((card) => (
            <li key={card.id} data-testid="run-card-row" data-run-card-id={card.id}>
              {t('runCard.editor.row', {
                category: card.category,
                area: areaText(card),
                time: card.from || card.to ? `${card.from ?? '00:00'}–${card.to ?? '24:00'}` : t('runCard.editor.allDay'),
                units: card.units,
                kind: card.unitKinds.length === 1 ? t(`unitKindShort.${card.unitKinds[0] as UnitKind}`) : t('runCard.editor.anyKind'),
              })}
              {card.team && <span className="muted small"> · {card.team}</span>}
              {card.priority && <span className="muted small"> · {t(`priority.${card.priority}`)}</span>}
              {canWrite && (
                <button type="button" className="btn btn-small btn-ghost" onClick={() => void remove(card)} data-testid="run-card-delete">
                  {t('runCard.editor.delete')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canWrite ? (
        <form onSubmit={(e) => void save(e)} data-testid="run-card-form" noValidate>
          <div className="field-row">
            <label>
              {t('runCard.editor.category')}
              <input value={form.category} onChange={set('category')} data-testid="run-card-category" />
            </label>
            <label>
              {t('runCard.editor.areaKind')}
              <select value={form.areaKind} onChange={set('areaKind')} data-testid="run-card-area-kind">
                <option value="any">{t('runCard.editor.areaAny')}</option>
                <option value="focus_area">{t('runCard.editor.areaFocus', { id: '' })}</option>
                <option value="neighbourhood">{t('runCard.editor.areaNeighbourhood', { id: '' })}</option>
              </select>
            </label>
            {form.areaKind !== 'any' && (
              <label>
                {t('runCard.editor.areaId')}
                <input value={form.areaId} onChange={set('areaId')} data-testid="run-card-area-id" />
              </label>
            )}
          </div>
          <div className="field-row">
            <label>
              {t('runCard.editor.from')}
              <input value={form.from} onChange={set('from')} placeholder="22:00" data-testid="run-card-from" />
            </label>
            <label>
              {t('runCard.editor.to')}
              <input value={form.to} onChange={set('to')} placeholder="06:00" data-testid="run-card-to" />
            </label>
            <label>
              {t('runCard.editor.units')}
              <input type="number" min={1} max={5} value={form.units} onChange={set('units')} data-testid="run-card-units" />
            </label>
            <label>
              {t('runCard.editor.kind')}
              <select value={form.kind} onChange={set('kind')} data-testid="run-card-kind">
                <option value="">{t('runCard.editor.anyKind')}</option>
                {UNIT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`unitKindShort.${k}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="field-row">
            <label>
              {t('runCard.editor.team')}
              <input value={form.team} onChange={set('team')} data-testid="run-card-team" />
            </label>
            <label>
              {t('runCard.editor.priority')}
              <select value={form.priority} onChange={set('priority')} data-testid="run-card-priority">
                <option value="">{t('runCard.editor.noPriority')}</option>
                {PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {t(`priority.${p}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {status && (
            <p className={status.ok ? 'notice' : 'form-error'} role={status.ok ? 'status' : 'alert'} data-testid="run-card-status">
              {status.text}
            </p>
          )}
          <button type="submit" className="btn btn-primary" data-testid="run-card-submit">
            {t('runCard.editor.add')}
          </button>
        </form>
      ) : (
        <p className="muted small">{t('runCard.editor.readOnly')}</p>
      )}
    </section>
  );
}
