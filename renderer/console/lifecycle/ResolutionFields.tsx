import type { ReportDetail } from '../../../server/protocol/detail';
import type { Outcome } from '../../../server/protocol/report';
import type { ResolutionKind } from '../../../server/protocol/resolution';
import { addDays, localDate } from '../../shared/time/calendar';
import { type DraftField, draftFieldError, type ResolutionDraft } from '../../shared/resolution/draft';
import { asSentenceText } from '../../../server/domain/resolution-frames';
import { useI18n } from '../i18n';
import { Field } from '../ui/Field';

interface ResolutionFieldsProps {
  draft: ResolutionDraft;
  kind: ResolutionKind;
  /** The kinds this form may switch between (one: the select is fixed). */
  kinds: ReadonlySet<ResolutionKind>;
  outcomes: readonly Outcome[];
  codes: ReportDetail['codes'];
  errors: Readonly<Record<string, string>>;
  onChange: (field: DraftField, value: string) => void;
  onKindChange: (kind: ResolutionKind) => void;
  /** The field unit's texts that the desk has not changed (a proposal under review): marked as unedited. */
  uneditedFromField?: { found?: boolean; action?: boolean };
  /** The main report's number when this report is a part (deelmelding): it has no reporter, so nothing is read by one. */
  partOf?: string | null;
}

/** Bevinding, actie and vervolg: the resolution's fields, each with the hub's error below it. */
export function ResolutionFields({
  draft,
  kind,
  kinds,
  outcomes,
  codes,
  errors,
  onChange,
  onKindChange,
  uneditedFromField = {},
  partOf = null,
}: ResolutionFieldsProps) {
  const { t } = useI18n();
  const err = (field: DraftField) => draftFieldError(errors, field);
  const today = localDate(Date.now());
  return (
    <>
      <div className="field-row">
        <Field label={t('res.kind')} error={err('kind')} name="resolution.kind">
          {(id) => (
            <select
              id={id}
              value={kind}
              onChange={(e) => onKindChange(e.target.value as ResolutionKind)}
              data-testid="resolution-kind"
              disabled={kinds.size < 2}
            >
              {(['schedule', 'close'] as const)
                .filter((k) => kinds.has(k) || k === kind)
                .map((k) => (
                  <option key={k} value={k}>
                    {t(`res.kind.${k}`)}
                  </option>
                ))}
            </select>
          )}
        </Field>
        {kind === 'close' && (
          <Field label={t('res.outcome')} error={err('outcome')} name="resolution.outcome">
            {(id) => (
              <select
                id={id}
                value={draft.outcome}
                onChange={(e) => onChange('outcome', e.target.value)}
                data-testid="resolution-outcome"
                aria-invalid={!!err('outcome')}
              >
                <option value="">{t('res.chooseOutcome')}</option>
                {outcomes.map((o) => (
                  <option key={o} value={o}>
                    {t(`outcome.${o}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      {kind === 'close' && draft.outcome === 'referred' && (
        <Field label={t('res.referredTo')} error={err('referredTo')} name="resolution.referredTo">
          {(id) => (
            <input
              id={id}
              value={draft.referredTo}
              onChange={(e) => onChange('referredTo', e.target.value)}
              data-testid="resolution-referred-to"
              aria-invalid={!!err('referredTo')}
            />
          )}
        </Field>
      )}

      <CodedText part="found" draft={draft} codes={codes.found} errors={errors} onChange={onChange} unedited={!!uneditedFromField.found} forReporter={!partOf} />
      <CodedText part="action" draft={draft} codes={codes.action} errors={errors} onChange={onChange} unedited={!!uneditedFromField.action} forReporter={!partOf} />
      {partOf && (
        <p className="small muted part-no-message" data-testid="part-no-message">
          {t('parts.noMessage', { number: partOf })}
        </p>
      )}

      <fieldset>
        <legend>{kind === 'schedule' ? t('res.followUp') : t('res.followUpOptional')}</legend>
        <div className="field-row">
          <Field label={t('res.followUpDate')} error={err('followUpDate')} name="resolution.followUp.date">
            {(id) => (
              <input
                id={id}
                type="date"
                min={today}
                max={addDays(today, 366)}
                value={draft.followUpDate}
                onChange={(e) => onChange('followUpDate', e.target.value)}
                data-testid="resolution-followup-date"
                aria-invalid={!!err('followUpDate')}
              />
            )}
          </Field>
          <Field label={t('res.followUpWho')} error={err('followUpWho')} name="resolution.followUp.who">
            {(id) => (
              <input
                id={id}
                value={draft.followUpWho}
                onChange={(e) => onChange('followUpWho', e.target.value)}
                data-testid="resolution-followup-who"
                aria-invalid={!!err('followUpWho')}
              />
            )}
          </Field>
        </div>
        <Field label={t('res.followUpWhat')} error={err('followUpWhat')} name="resolution.followUp.what">
          {(id) => (
            <input
              id={id}
              value={draft.followUpWhat}
              onChange={(e) => onChange('followUpWhat', e.target.value)}
              data-testid="resolution-followup-what"
              aria-invalid={!!err('followUpWhat')}
            />
          )}
        </Field>
      </fieldset>
    </>
  );
}

/** "Wat troffen we aan" / "wat deden we": a code from the category's list plus a text. */
function CodedText({
  part,
  draft,
  codes,
  errors,
  onChange,
  unedited,
  forReporter,
}: {
  part: 'found' | 'action';
  draft: ResolutionDraft;
  codes: readonly { code: string; nl: string; en: string }[];
  errors: Readonly<Record<string, string>>;
  onChange: (field: DraftField, value: string) => void;
  /** The text is the field unit's, unchanged. */
  unedited: boolean;
  /** A reporter reads this text (not for a part, which has none): show it as they will read it. */
  forReporter: boolean;
}) {
  const { t, locale } = useI18n();
  const codeField = part === 'found' ? 'foundCode' : 'actionCode';
  const textField = part === 'found' ? 'foundText' : 'actionText';
  const codeError = draftFieldError(errors, codeField);
  const textError = draftFieldError(errors, textField);
  return (
    <fieldset>
      <legend>{t(`res.${part}`)}</legend>
      <Field label={t('res.code')} error={codeError} name={`resolution.${part}.code`}>
        {(id) => (
          <select
            id={id}
            value={draft[codeField]}
            onChange={(e) => onChange(codeField, e.target.value)}
            data-testid={`resolution-${part}-code`}
            aria-invalid={!!codeError}
          >
            <option value="">{t('res.chooseCode')}</option>
            {codes.map((c) => (
              <option key={c.code} value={c.code}>
                {locale === 'en' ? c.en : c.nl}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('res.text')} error={textError} name={`resolution.${part}.text`}>
        {(id) => (
          <textarea
            id={id}
            rows={2}
            value={draft[textField]}
            onChange={(e) => onChange(textField, e.target.value)}
            data-testid={`resolution-${part}-text`}
            aria-invalid={!!textError}
          />
        )}
      </Field>
      {forReporter && draft[textField].trim() !== '' && (
        <p className="small citizen-reads" data-testid={`citizen-reads-${part}`} data-unedited={unedited}>
          <span className="muted">{t('tidy.citizenReads')}</span>{' '}
          {unedited ? (
            <mark className="mark-field" title={t('read.fieldUnedited')}>
              {asSentenceText(draft[textField])}
            </mark>
          ) : (
            asSentenceText(draft[textField])
          )}
          {unedited && <span className="muted"> ({t('read.fieldUnedited')})</span>}
        </p>
      )}
    </fieldset>
  );
}
