/**
 * A duration in the shift lead's figures (overview and wallboard, KPIs, shift report and its PDF), in parts the
 * console words from its catalogue and the PDF in Dutch: "< 1 min" under a minute (a rounded "0 min" read as
 * nothing), then whole minutes, "1 u 5 min", "2 d 3 u". Pure.
 */
export type FigureDuration =
  | { unit: 'underMinute' }
  | { unit: 'minutes'; n: number }
  | { unit: 'hoursOnly'; h: number }
  | { unit: 'hours'; h: number; m: number }
  | { unit: 'days'; d: number; h: number };

const MINUTE = 60_000;

export function figureDuration(ms: number): FigureDuration {
  const minutes = Math.floor(Math.max(0, ms) / MINUTE);
  if (minutes < 1) return { unit: 'underMinute' };
  if (minutes < 60) return { unit: 'minutes', n: minutes };
  if (minutes < 24 * 60) {
    const m = minutes % 60;
    return m > 0 ? { unit: 'hours', h: Math.floor(minutes / 60), m } : { unit: 'hoursOnly', h: minutes / 60 };
  }
  return { unit: 'days', d: Math.floor(minutes / 1440), h: Math.floor((minutes % 1440) / 60) };
}

/** The duration in Dutch, as the console's Dutch catalogue words it (kpi.minutes, kpi.hours, …): for the PDF. */
export function figureDurationDutch(ms: number): string {
  const d = figureDuration(ms);
  switch (d.unit) {
    case 'underMinute':
      return '< 1 min';
    case 'minutes':
      return `${d.n} min`;
    case 'hoursOnly':
      return `${d.h} u`;
    case 'hours':
      return `${d.h} u ${d.m} min`;
    case 'days':
      return `${d.d} d ${d.h} u`;
  }
}
