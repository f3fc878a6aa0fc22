// `npm test`: lint, typecheck, unit + integration (Vitest), then the browser tests (Playwright in Debian Chromium).
// Ends with one summary line "N passed, N failed, N skipped" and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { ensureChromium } from './ensure-chromium.mjs';

const reports = mkdtempSync(join(tmpdir(), 'meldkamer-test-reports-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];
/** Each failed test's file, name and first line of its error, repeated at the end: CI keeps only the log's tail. */
const failedTests = [];

function run(name, command, args, env = {}) {
  process.stdout.write(`\n=== ${name} ===\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) failedSteps.push(name);
  return result.status === 0;
}

function firstLine(text) {
  return stripVTControlCharacters(String(text ?? '')).trim().split('\n')[0].slice(0, 300);
}

/** Playwright's spec files are relative to its rootDir (tests/e2e); named here from the repository, as Vitest's are. */
function collectPlaywrightFailures(suite, rootDir) {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      if (test.status !== 'unexpected') continue;
      const error = test.results?.find((r) => r.error)?.error?.message;
      failedTests.push(`${relative(process.cwd(), join(rootDir, spec.file))}:${spec.line} › ${spec.title}: ${firstLine(error)}`);
    }
  }
  for (const child of suite.suites ?? []) collectPlaywrightFailures(child, rootDir);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

run('lint', 'npx', ['biome', 'lint', '--error-on-warnings', '.']);
run('typecheck', 'npx', ['tsc', '-p', '.']);

const vitestJson = join(reports, 'vitest.json');
run('unit + integration (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const vitest = readJson(vitestJson);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0);
  for (const file of vitest.testResults ?? []) {
    const failed = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failed) failedTests.push(`${relative(process.cwd(), file.name)} › ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    // A file that failed outside any test (an import error, a failing hook) has no failed test to name.
    if (failed.length === 0 && file.status === 'failed') failedTests.push(`${relative(process.cwd(), file.name)}: ${firstLine(file.message)}`);
  }
} else if (!failedSteps.includes('unit + integration (vitest)')) {
  failedSteps.push('vitest report missing');
}

if (process.env.MELDKAMER_SKIP_E2E === '1') {
  process.stdout.write('\n=== e2e skipped: MELDKAMER_SKIP_E2E=1 ===\n');
} else {
  let chromiumReady = false;
  try {
    ensureChromium();
    chromiumReady = true;
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    failedSteps.push('chromium');
  }
  if (chromiumReady && run('build console (vite)', 'npx', ['vite', 'build', '--logLevel', 'warn'])) {
    const playwrightJson = join(reports, 'playwright.json');
    run('e2e (playwright, chromium)', 'npx', ['playwright', 'test', '--reporter=list,json'], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
    });
    const playwright = readJson(playwrightJson);
    const stats = playwright?.stats;
    for (const suite of playwright?.suites ?? []) collectPlaywrightFailures(suite, playwright?.config?.rootDir ?? process.cwd());
    // Errors outside any test (global setup, a web server that did not start).
    for (const error of playwright?.errors ?? []) failedTests.push(`playwright: ${firstLine(error.message)}`);
    if (stats) {
      totals.passed += stats.expected + (stats.flaky ?? 0);
      totals.failed += stats.unexpected;
      totals.skipped += stats.skipped;
    } else {
      failedSteps.push('playwright report missing');
    }
  }
}

rmSync(reports, { recursive: true, force: true });
process.stdout.write('\n');
if (failedTests.length > 0) process.stdout.write(`failed tests:\n${failedTests.map((t) => `  ${t}\n`).join('')}`);
if (failedSteps.length > 0) process.stdout.write(`failed steps: ${failedSteps.join(', ')}\n`);
process.stdout.write(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(failedSteps.length > 0 || totals.failed > 0 ? 1 : 0);
