/**
 * Issue 16, point 3: FixMyStreet's status poll, every id it tracks in one GET. A real hub (startHub, production
 * defaults, demo users, logging off) on a writable copy of the 1M-report fixture per store, asked over HTTP
 * `GET /open311/v2/requests.json?jurisdiction_id=…&service_request_id=<20,000 comma-separated ids>` as FixMyStreet
 * sends it (ids as the hub handed them out, "M-000123"; no api_key, a GET needs none). The ids are those of the
 * fixture's 20,000 newest reports that came in through Open311 (only those are public), read from the copy.
 * Timed from the request to the last byte of the answer (this process's wall clock); p99 over the polls after a
 * warm-up. An answer that is not 200 or does not hold every requested report once fails the goal (NaN). The note also
 * gives this process's CPU per poll (hub and client), which a loaded machine does not stretch as it does the wall time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../../server/config';
import { formatReportNumber } from '../../../../server/store/reports';
import { startHub } from '../../../../server/start-hub';
import { int, ms, summarize } from '../../support';
import type { CheckGoal, GoalLine, StoreKind } from '../goal';

const GOAL = 'Open311 status poll: 20,000 ids in one GET requests.json, p99';
const TARGET = 1000;
const IDS = 20_000;
const WARMUP = 2;
const JURISDICTION = 'denhaag.nl';

const line = (store: StoreKind, measured: number, note: string): GoalLine => ({ goal: GOAL, store, measured, target: TARGET, unit: 'ms', better: 'lower', note });

async function measure(kind: StoreKind, dataDir: string, databaseUrl: string | undefined, quick: boolean, say: (l: string) => void): Promise<GoalLine> {
  const config = loadConfig({}, { host: '127.0.0.1', port: 0, dataDir, databaseUrl, demo: true, logLevel: 'silent' });
  const hub = await startHub(config);
  try {
    const rows = await hub.store.db
      .selectFrom('reports')
      .select('number')
      .where('source', '=', 'open311')
      .orderBy('number', 'desc')
      .limit(IDS)
      .execute();
    const numbers = rows.map((r) => formatReportNumber(Number(r.number)));
    if (numbers.length < IDS) return line(kind, Number.NaN, `the fixture holds only ${int(numbers.length)} Open311 reports, ${int(IDS)} needed`);
    const url = `${hub.url}/open311/v2/requests.json?jurisdiction_id=${JURISDICTION}&service_request_id=${numbers.join(',')}`;
    const wanted = new Set(numbers);
    const runs = quick ? 5 : 20;
    const times: number[] = [];
    // CPU of this process (the hub and the client reading the answer) per poll: what the poll costs whatever the load.
    const cpuTimes: number[] = [];
    let bytes = 0;
    let problem = '';
    for (let i = 0; i < WARMUP + runs; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const res = await fetch(url);
      const text = await res.text();
      const elapsed = performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      if (i >= WARMUP) {
        times.push(elapsed);
        cpuTimes.push((cpu.user + cpu.system) / 1000);
      }
      bytes = Buffer.byteLength(text);
      if (res.status !== 200) {
        problem = `HTTP ${res.status}: ${text.slice(0, 200)}`;
        break;
      }
      const body = JSON.parse(text) as { service_request_id: string }[];
      const got = new Set(body.map((r) => r.service_request_id));
      const missing = numbers.filter((n) => !got.has(n)).length;
      if (missing > 0 || body.length !== wanted.size) {
        problem = `answer held ${int(body.length)} requests, ${int(missing)} of the ${int(IDS)} asked for missing`;
        break;
      }
    }
    const s = summarize(times);
    const cpu = summarize(cpuTimes);
    say(`${kind}: p50 ${ms(s.p50)} ms p99 ${ms(s.p99)} ms max ${ms(s.max)} ms over ${times.length} polls (CPU of hub + client per poll p50 ${ms(cpu.p50)} ms), ${(bytes / 1e6).toFixed(1)} MB answer, URL ${(url.length / 1024).toFixed(0)} KiB${problem ? `; FAILED: ${problem}` : ''}`);
    if (problem) return line(kind, Number.NaN, problem);
    return line(kind, s.p99, `${int(IDS)} ids (URL ${(url.length / 1024).toFixed(0)} KiB), all answered, ${(bytes / 1e6).toFixed(1)} MB JSON, p50 ${ms(s.p50)} ms, CPU per poll (hub + client) p50 ${ms(cpu.p50)} ms, ${runs} polls, load ${loadavg()[0]?.toFixed(1)}`);
  } finally {
    await hub.close();
  }
}

export default {
  name: 'open311-poll',
  needs: ['fixture'],
  async run({ fixture, quick, say }) {
    const lines: GoalLine[] = [await measure('sqlite', await fixture.sqliteDataDir(), undefined, quick, say)];
    // The hub writes at start (demo users), so PostgreSQL gets its own copy of the fixture.
    const pgUrl = await fixture.pgCopy();
    if (!pgUrl) return [...lines, line('postgres', Number.NaN, 'PostgreSQL not reachable')];
    const scratch = mkdtempSync(join(tmpdir(), 'meldkamer-open311-poll-'));
    try {
      lines.push(await measure('postgres', scratch, pgUrl, quick, say));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    return lines;
  },
} satisfies CheckGoal;
