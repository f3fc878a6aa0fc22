import { useT, type MessageKey } from '../i18n';
import { Field } from '../ui/Field';
import { MAPPING_KEYS, type MappingKey, REQUIRED_KEYS } from './csvHeader';

interface SignalsMappingProps {
  columns: readonly string[];
  mapping: Record<MappingKey, string>;
  setMapping: (update: (mapping: Record<MappingKey, string>) => Record<MappingKey, string>) => void;
  survey: string;
  setSurvey: (survey: string) => void;
  busy: boolean;
}

/** Which CSV column holds the text, the coordinates, the date, the place and the id; and the survey's name. */
export function SignalsMapping({ columns, mapping, setMapping, survey, setSurvey, busy }: SignalsMappingProps) {
  const t = useT();
  return (
    <fieldset className="signals-mapping" disabled={busy}>
      <legend>{t('signals.mapping')}</legend>
      <div className="mapping-grid">
        {MAPPING_KEYS.map((key) => (
          <Field
            key={key}
            label={`${t(`signals.col.${key}` as MessageKey)}${REQUIRED_KEYS.has(key) ? ' *' : ''}`}
            name={`mapping.${key}`}
          >
            {(id) => (
              <select
                id={id}
                value={mapping[key]}
                onChange={(e) => setMapping((m) => ({ ...m, [key]: e.target.value }))}
                aria-invalid={REQUIRED_KEYS.has(key) && !mapping[key]}
                data-testid={`signals-map-${key}`}
              >
                <option value="">{REQUIRED_KEYS.has(key) ? t('signals.chooseColumn') : t('signals.noColumn')}</option>
                {columns.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ))}
      </div>
      <Field label={t('signals.survey')} name="survey">
        {(id) => (
          <input
            id={id}
            value={survey}
            maxLength={120}
            onChange={(e) => setSurvey(e.target.value)}
            data-testid="signals-survey"
          />
        )}
      </Field>
    </fieldset>
  );
}
