import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * A KPI's trend over the previous periods (uPlot): one line, the last point the current period, the target as a
 * dashed line when the KPI has one. Small and without axes, for a table cell; the values are also in its title.
 */
export function TrendLine({ values, target, label }: { values: (number | null)[]; target?: number | undefined; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  // Drawn again only when the figures change (a new array of the same values does not).
  const figures = JSON.stringify({ values, target: target ?? null });
  useEffect(() => {
    const node = el.current;
    const { values, target } = JSON.parse(figures) as { values: (number | null)[]; target: number | null };
    if (!node || values.length === 0) return;
    const xs = values.map((_, i) => i);
    const series: uPlot.Series[] = [{}, { stroke: '#58a6ff', width: 2, points: { show: true, size: 4 }, spanGaps: true }];
    const data: uPlot.AlignedData = [xs, values];
    if (target !== null) {
      series.push({ stroke: '#d29922', width: 1, dash: [4, 3], points: { show: false } });
      data.push(values.map(() => target));
    }
    const known = values.filter((v): v is number => v !== null);
    const max = Math.max(...known, target ?? 0, 0);
    const plot = new uPlot(
      {
        width: 180,
        height: 36,
        legend: { show: false },
        cursor: { show: false },
        select: { show: false, left: 0, top: 0, width: 0, height: 0 },
        axes: [{ show: false }, { show: false }],
        scales: { x: { time: false }, y: { range: [0, max > 0 ? max * 1.1 : 1] } },
        series,
      },
      data,
      node,
    );
    return () => plot.destroy();
  }, [figures]);
  return <div ref={el} className="kpi-trend" role="img" aria-label={label} title={label} />;
}
