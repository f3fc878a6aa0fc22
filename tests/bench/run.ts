/**
 * `npm run bench` runs every bench; `npm run bench -- fanout store` a subset; `npm run bench -- check [goals…]
 * [--fresh]` the PASS/FAIL goals of issue 11 (tests/bench/check/, not part of the full run). BENCH_QUICK=1 is a ~1-minute smoke
 * run whose figures are printed but not written to docs/BENCHMARKS.md (set BENCH_WRITE=1 to write them anyway).
 * Each bench prints a markdown block and replaces its own marked section of docs/BENCHMARKS.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { runAvl } from './avl';
import { runCheck } from './check/run-check';
import { runFanout } from './fanout';
import { runImport } from './import';
import { runMapRender } from './map-render';
import { runQueries } from './queries';
import { runStore } from './store';
import { type BenchSection, machineDescription, postgresReachable, postgresSettings, QUICK, say } from './support';

const BENCHES: Record<string, () => Promise<BenchSection>> = {
  fanout: runFanout,
  store: runStore,
  queries: runQueries,
  avl: runAvl,
  'map-render': runMapRender,
  import: runImport,
};

const DOC = fileURLToPath(new URL('../../docs/BENCHMARKS.md', import.meta.url));

const begin = (name: string) => `<!-- bench:${name}:begin -->`;
const end = (name: string) => `<!-- bench:${name}:end -->`;

function replaceSection(doc: string, name: string, body: string): string {
  const block = `${begin(name)}\n${body.trim()}\n${end(name)}`;
  const from = doc.indexOf(begin(name));
  const to = doc.indexOf(end(name));
  if (from >= 0 && to > from) return doc.slice(0, from) + block + doc.slice(to + end(name).length);
  return `${doc.trimEnd()}\n\n${block}\n`;
}

function writeSections(blocks: { name: string; body: string }[]): void {
  let doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n';
  for (const { name, body } of blocks) doc = replaceSection(doc, name, body);
  writeFileSync(DOC, doc);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args[0] === 'check') {
    const result = await runCheck(args.slice(1));
    if (result.markdown) {
      writeSections([{ name: 'check', body: result.markdown }]);
      say(`wrote check into ${DOC}`);
    }
    process.exit(result.exitCode);
  }
  const unknown = args.filter((a) => !(a in BENCHES));
  if (unknown.length > 0) {
    process.stderr.write(`unknown bench: ${unknown.join(', ')} (choose from ${Object.keys(BENCHES).join(', ')})\n`);
    process.exit(2);
  }
  const selected = args.length > 0 ? args : Object.keys(BENCHES);
  const command = `${QUICK ? 'BENCH_QUICK=1 ' : ''}npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`;
  const machine = machineDescription();
  const pgSettings = (await postgresReachable()) ? await postgresSettings() : 'not reachable';
  const started = new Date();
  say(`${command} on ${machine}`);
  say(`PostgreSQL: ${pgSettings}`);
  if (QUICK) say('BENCH_QUICK=1: shorter phases and fewer rows; figures are for smoke-testing only');

  const sections: { section: BenchSection; seconds: number; at: Date; load: number }[] = [];
  for (const name of selected) {
    const t0 = performance.now();
    const load = os.loadavg()[0] ?? Number.NaN;
    say(`--- ${name} ---`);
    const section = await BENCHES[name]!();
    const seconds = (performance.now() - t0) / 1000;
    sections.push({ section, seconds, at: new Date(), load });
    process.stdout.write(`\n## ${section.title}\n\n${section.markdown}\n\n(${name}: ${seconds.toFixed(0)} s)\n\n`);
  }
  const total = (Date.now() - started.getTime()) / 1000;
  say(`done in ${total.toFixed(0)} s`);

  if (QUICK && process.env.BENCH_WRITE !== '1') {
    say(`not writing ${DOC} (BENCH_QUICK=1; set BENCH_WRITE=1 to write anyway)`);
    return;
  }
  writeSections(
    sections.map(({ section, seconds, at, load }) => {
      const header =
        `_Measured ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC with \`${command}\` (this part: ${seconds.toFixed(0)} s) ` +
        `on ${machine}; 1-minute load average when it started: ${load.toFixed(2)}. PostgreSQL: ${pgSettings}._`;
      return { name: section.name, body: `${header}\n\n${section.markdown}` };
    }),
  );
  say(`wrote ${sections.map((s) => s.section.name).join(', ')} into ${DOC}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
