import { useT } from '../i18n';

/** The time windows signals and hotspots are shown over. */
export const OVERLAY_DAYS = [7, 30, 90] as const;

interface DaysFieldProps {
  className: string;
  value: number;
  onChange: (days: number) => void;
  testId: string;
}

/** "Periode: 30 dagen" for signals and hotspots; the hotspot list and the map layers share the window. */
export function DaysField({ className, value, onChange, testId }: DaysFieldProps) {
  const t = useT();
  return (
    <label className={className}>
      <span>{t('hotspots.window')}</span>
      <select value={value} onChange={(e) => onChange(Number(e.target.value))} data-testid={testId}>
        {OVERLAY_DAYS.map((d) => (
          <option key={d} value={d}>
            {t('hotspots.days', { n: d })}
          </option>
        ))}
      </select>
    </label>
  );
}
