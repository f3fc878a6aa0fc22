/** How check results are judged and written: the console line of GOALS.md and the docs/BENCHMARKS.md table. */
import type { GoalLine } from './goal';
import { table } from '../support';

export function passes(line: GoalLine): boolean {
  if (!Number.isFinite(line.measured) || !Number.isFinite(line.target)) return false;
  return line.better === 'lower' ? line.measured <= line.target : line.measured >= line.target;
}

export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return 'n/a';
  const digits = unit === '×' ? 2 : Number.isInteger(value) ? 0 : Math.abs(value) < 10 ? 2 : Math.abs(value) < 100 ? 1 : 0;
  return `${value.toFixed(digits)}${unit === '×' ? '×' : unit ? ` ${unit}` : ''}`;
}

const label = (line: GoalLine) => `${line.goal}${line.store ? ` [${line.store}]` : ''}`;
const targetText = (line: GoalLine) => `${line.better === 'lower' ? '<=' : '>='} ${formatValue(line.target, line.unit)}`;

/** `<goal> [store]  measured <v><unit>  goal <=|>= <target><unit>  PASS|FAIL  (note)` */
export function formatLine(line: GoalLine): string {
  const verdict = passes(line) ? 'PASS' : 'FAIL';
  return `${label(line)}  measured ${formatValue(line.measured, line.unit)}  goal ${targetText(line)}  ${verdict}${line.note ? `  (${line.note})` : ''}`;
}

export function checkMarkdown(run: {
  results: { goal: string; lines: GoalLine[]; seconds: number }[];
  startedAt: Date;
  seconds: number;
  load: number;
  machine: string;
  problems: string[];
}): string {
  const rows = run.results.flatMap((r) =>
    r.lines.map((l) => [r.goal, label(l), formatValue(l.measured, l.unit), targetText(l), passes(l) ? 'PASS' : '**FAIL**', l.note ?? '']),
  );
  const lines = run.results.flatMap((r) => r.lines);
  const fails = lines.filter((l) => !passes(l)).length;
  return [
    `_Measured ${run.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npm run bench -- check\` ` +
      `(${run.seconds.toFixed(0)} s in all: ${run.results.map((r) => `${r.goal} ${r.seconds.toFixed(0)} s`).join(', ')}) on ` +
      `${run.machine}; 1-minute load average when it started: ${run.load.toFixed(2)}._`,
    '',
    `**${lines.length - fails} PASS, ${fails} FAIL.**`,
    '',
    table(['module', 'goal', 'measured', 'goal', 'result', 'note'], rows.map((r) => r.map((c) => c.replaceAll('|', '\\|')))),
    ...(run.problems.length > 0 ? ['', ...run.problems.map((p) => `- ${p}`)] : []),
  ].join('\n');
}
