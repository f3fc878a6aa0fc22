import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * One series per week as small bars (uPlot's bar paths), oldest first, the latest week in the warning colour when the
 * series is rising. No axes, no cursor: a table cell's picture; the numbers are in its label and next to it.
 */
export function SparkBars({ values, rising, label, max }: { values: readonly number[]; rising: boolean; label: string; max: number }) {
  const el = useRef<HTMLDivElement>(null);
  const figures = JSON.stringify({ values, rising, max });
  useEffect(() => {
    const node = el.current;
    const { values, rising, max } = JSON.parse(figures) as { values: number[]; rising: boolean; max: number };
    if (!node || values.length === 0) return;
    const xs = values.map((_, i) => i);
    const last = values.length - 1;
    const bars = uPlot.paths.bars?.({ size: [0.8, 12] });
    const plot = new uPlot(
      {
        width: 110,
        height: 26,
        legend: { show: false },
        cursor: { show: false },
        select: { show: false, left: 0, top: 0, width: 0, height: 0 },
        axes: [{ show: false }, { show: false }],
        scales: { x: { time: false, range: [-0.5, last + 0.5] }, y: { range: [0, Math.max(1, max)] } },
        series: [
          {},
          { stroke: '#58a6ff', fill: '#58a6ff', width: 0, paths: bars, points: { show: false } },
          { stroke: rising ? '#f0883e' : '#58a6ff', fill: rising ? '#f0883e' : '#79c0ff', width: 0, paths: bars, points: { show: false } },
        ],
      },
      // The earlier weeks and the latest week as two series, so the latest can take its own colour.
      [xs, values.map((v, i) => (i === last ? null : v)), values.map((v, i) => (i === last ? v : null))],
      node,
    );
    return () => plot.destroy();
  }, [figures]);
  return <div ref={el} className="spark-bars" role="img" aria-label={label} title={label} />;
}
