/**
 * Issue 14, point 6: shift replay. A shift of 1,000 reports and 500 units over 12 hours, generated in this goal's
 * own SQLite database (the cached 1M fixture is not touched): per report its events (created, offered and
 * accepted with the unit's snapshot, the unit on scene, delivery queued and sent, closed for 80 % of them and the
 * unit free again), 20,000 older open reports as a city's open queue, and every unit's position every 5 seconds for
 * the whole 12 hours (500 × 8,640 = 4.3 million fixes; the hub itself keeps one per 30 s or 50 m, so this is more
 * than a real trail). A real hub (startHub, production defaults, demo users, logging off, its clock at the shift's
 * end) is asked over HTTP as the console asks it: the snapshot at an instant and the 5-minute window after it, in
 * parallel; timed from the requests to the last byte of both answers, parsed.
 * - first frame: the first such pair after the hub started (cold), at an instant in the middle of the shift;
 * - seek: the same pair at random instants of the 12 hours after that, p99.
 * An answer that is not 200, or a snapshot without the shift's units, fails the line (NaN).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../../../../server/config';
import { startHub } from '../../../../server/start-hub';
import { int, ms, summarize } from '../../support';
import type { CheckGoal, GoalLine } from '../goal';

const FIRST = 'replay: first frame (snapshot + first 5-minute window), 1,000 reports, 500 units, fixes every 5 s';
const SEEK = 'replay: seek (snapshot + window at a random instant of 12 h), p99';
const REPORTS = 1_000;
const UNITS = 500;
const OLD_OPEN = 20_000;
const HOURS = 12;
const FIX_EVERY_S = 5;
const HOUR = 3_600_000;
const MIN = 60_000;

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The shift, written straight into the hub's migrated SQLite file (one transaction per table part). */
function fill(file: string, end: number, say: (l: string) => void): { events: number; fixes: number } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const rnd = seeded(14);
  const start = end - HOURS * HOUR;
  const iso = (t: number) => new Date(t).toISOString();
  const units = Array.from({ length: UNITS }, (_, i) => ({
    id: `bench-unit-${i}`,
    callsign: `B-${String(i).padStart(3, '0')}`,
    lat: 52.03 + rnd() * 0.08,
    lng: 4.22 + rnd() * 0.14,
  }));
  const unitSnap = (u: (typeof units)[number], status: string, since: number, reportId: string | null, version: number) => ({
    id: u.id,
    callsign: u.callsign,
    kind: 'boa_domein_1',
    officerCount: 2,
    status,
    statusSince: iso(since),
    currentReportId: reportId,
    position: null,
    version,
  });
  db.transaction(() => {
    const insert = db.prepare(
      `insert into units (id, callsign, kind, status, officer_count, lat, lng, position_at, updated_at, status_since, current_report_id, accuracy, heading)
       values (?, ?, 'boa_domein_1', 'beschikbaar', 2, ?, ?, ?, ?, ?, null, 5, null)`,
    );
    for (const u of units) insert.run(u.id, u.callsign, u.lat, u.lng, iso(end), iso(start - HOUR), iso(start - HOUR));
  })();

  // After the demo's own reports.
  const n0 = Number((db.prepare('select coalesce(max(number), 0) as n from reports').get() as { n: number }).n);
  const insertReport = db.prepare(
    `insert into reports (id, number, category, lat, lng, address, description, source, priority, status, outcome, created_by, created_at,
       updated_at, version, follow_up_date, sla_deadline, citizen_token, citizen_code, closed_at, contact_consent, contact_consent_at)
     values (?, ?, 'afval', ?, ?, 'Benchstraat 1', 'Bench', 'phone', 'normal', ?, ?, null, ?, ?, 1, null, null, null, null, ?, null, null)`,
  );
  db.transaction(() => {
    for (let i = 0; i < OLD_OPEN; i++) {
      const at = iso(start - (1 + rnd() * 60) * 24 * HOUR);
      insertReport.run(`bench-old-${i}`, n0 + i + 1, 52.03 + rnd() * 0.08, 4.22 + rnd() * 0.14, 'triaged', null, at, at, null);
    }
  })();

  // The shift's events, in time order with their seqs.
  type Ev = { at: number; type: string; reportId: string | null; payload: object };
  const evs: Ev[] = [];
  for (let i = 0; i < REPORTS; i++) {
    const id = `bench-report-${i}`;
    const number = n0 + OLD_OPEN + i + 1;
    const created = start + rnd() * (HOURS * HOUR - 50 * MIN);
    const u = units[i % UNITS] as (typeof units)[number];
    const closes = rnd() < 0.8;
    const report = (status: string, at: number, outcome: string | null = null) => ({
      id,
      number: `M-${String(number).padStart(6, '0')}`,
      category: 'afval',
      lat: u.lat + 0.001,
      lng: u.lng + 0.001,
      address: 'Benchstraat 1',
      description: 'Bench',
      source: 'phone',
      priority: 'normal',
      status,
      outcome,
      hasReporter: true,
      reporterCount: 1,
      followUpDate: null,
      slaDeadline: null,
      delivery: 'none',
      createdAt: iso(created),
      updatedAt: iso(at),
      version: 1,
    });
    insertReport.run(id, number, u.lat + 0.001, u.lng + 0.001, closes ? 'closed' : 'in_progress', closes ? 'resolved' : null, iso(created), iso(created), closes ? iso(created + 40 * MIN) : null);
    evs.push({ at: created, type: 'report.created', reportId: id, payload: { report: report('new', created) } });
    const offered = created + 3 * MIN;
    evs.push({
      at: offered,
      type: 'assignment.updated',
      reportId: id,
      payload: {
        assignment: { id: `a-${i}`, reportId: id, unitId: u.id, state: 'accepted', offeredAt: iso(offered), expiresAt: iso(offered + 2 * MIN), respondedAt: iso(offered), offeredBy: null },
        unit: unitSnap(u, 'onderweg', offered, id, 1),
        report: report('dispatched', offered),
      },
    });
    evs.push({ at: created + 15 * MIN, type: 'unit.updated', reportId: null, payload: { unit: unitSnap(u, 'ter_plaatse', created + 15 * MIN, id, 2) } });
    for (const [k, status] of [
      [1, 'queued'],
      [2, 'sent'],
    ] as const) {
      evs.push({ at: created + k * 1000, type: 'report.delivery', reportId: id, payload: { report: report('new', created), messageId: `m-${i}`, status } });
    }
    if (closes) {
      const closedAt = created + 40 * MIN;
      evs.push({
        at: closedAt,
        type: 'report.transitioned',
        reportId: id,
        payload: { report: report('closed', closedAt, 'resolved'), from: 'in_progress', to: 'closed', outcome: 'resolved', resolution: null, resolutionState: null, note: null, messages: 1 },
      });
      evs.push({ at: closedAt, type: 'unit.updated', reportId: null, payload: { unit: unitSnap(u, 'beschikbaar', closedAt, null, 3) } });
    }
  }
  evs.sort((a, b) => a.at - b.at);
  db.transaction(() => {
    const insert = db.prepare('insert into events (seq, type, report_id, actor_id, at, payload) values (?, ?, ?, null, ?, ?)');
    const base = Number((db.prepare('select coalesce(max(seq), 0) as s from events').get() as { s: number }).s);
    for (const [i, e] of evs.entries()) insert.run(base + i + 1, e.type, e.reportId, iso(e.at), JSON.stringify(e.payload));
  })();

  // The trail: every unit every 5 s, wandering a little.
  const insertFix = db.prepare('insert into unit_positions (unit_id, at, lat, lng, accuracy, heading) values (?, ?, ?, ?, 5, null)');
  let fixes = 0;
  const steps = (HOURS * 3600) / FIX_EVERY_S;
  const pos = units.map((u) => ({ lat: u.lat, lng: u.lng }));
  const BATCH_STEPS = 120;
  for (let s0 = 0; s0 < steps; s0 += BATCH_STEPS) {
    db.transaction(() => {
      for (let s = s0; s < Math.min(steps, s0 + BATCH_STEPS); s++) {
        const at = iso(start + s * FIX_EVERY_S * 1000);
        for (let k = 0; k < UNITS; k++) {
          const p = pos[k] as { lat: number; lng: number };
          p.lat += (rnd() - 0.5) * 0.0002;
          p.lng += (rnd() - 0.5) * 0.0003;
          insertFix.run(units[k]?.id, at, p.lat, p.lng);
          fixes++;
        }
      }
    })();
    if (s0 % (BATCH_STEPS * 24) === 0) say(`generating the trail: ${int(fixes)} fixes`);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { events: evs.length, fixes };
}

export default {
  name: 'replay',
  needs: [],
  async run({ quick, say }) {
    const dataDir = mkdtempSync(join(tmpdir(), 'meldkamer-replay-bench-'));
    const end = Date.parse('2026-11-30T20:00:00.000Z');
    const line = (goal: string, target: number, measured: number, note: string): GoalLine => ({ goal, store: 'sqlite', measured, target, unit: 'ms', better: 'lower', note });
    try {
      const config = loadConfig({}, { host: '127.0.0.1', port: 0, dataDir, demo: true, logLevel: 'silent' });
      // Once to migrate the new database (and make the demo users), then filled, then again for the measurement.
      await (await startHub(config, { clock: () => new Date(end) })).close();
      const t0 = performance.now();
      const made = fill(join(dataDir, 'meldkamer.sqlite'), end, say);
      say(`filled: ${int(REPORTS)} reports (+${int(OLD_OPEN)} older open), ${int(made.events)} events, ${int(made.fixes)} fixes in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      const hub = await startHub(config, { clock: () => new Date(end) });
      try {
        const login = await fetch(`${hub.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'chef', password: 'chef' }),
        });
        const token = ((await login.json()) as { token: string }).token;
        const headers = { authorization: `Bearer ${token}` };
        let bytes = 0;
        const frame = async (at: number): Promise<number | string> => {
          const a = encodeURIComponent(new Date(at).toISOString());
          const t = performance.now();
          const [snap, win] = await Promise.all([
            fetch(`${hub.url}/api/replay/snapshot?at=${a}`, { headers }),
            fetch(`${hub.url}/api/replay/window?from=${a}&minutes=5`, { headers }),
          ]);
          const [snapText, winText] = await Promise.all([snap.text(), win.text()]);
          const body = JSON.parse(snapText) as { snapshot?: { units: unknown[] } };
          JSON.parse(winText);
          const elapsed = performance.now() - t;
          bytes = snapText.length + winText.length;
          if (snap.status !== 200 || win.status !== 200) return `HTTP ${snap.status}/${win.status}: ${snapText.slice(0, 200)}`;
          if ((body.snapshot?.units.length ?? 0) < UNITS) return `snapshot held ${body.snapshot?.units.length ?? 0} units`;
          return elapsed;
        };
        const first = await frame(end - 6 * HOUR);
        if (typeof first === 'string') return [line(FIRST, 2000, Number.NaN, first), line(SEEK, 1000, Number.NaN, first)];
        const firstBytes = bytes;
        const rnd = seeded(7);
        const times: number[] = [];
        const runs = quick ? 10 : 40;
        for (let i = 0; i < runs; i++) {
          const r = await frame(end - HOURS * HOUR + 1000 + rnd() * (HOURS * HOUR - 6 * MIN));
          if (typeof r === 'string') return [line(FIRST, 2000, first, ''), line(SEEK, 1000, Number.NaN, r)];
          times.push(r);
        }
        const s = summarize(times);
        // Where the time goes: the two answers one after the other, at one more instant.
        const at = encodeURIComponent(new Date(end - 3 * HOUR).toISOString());
        for (const path of [`snapshot?at=${at}`, `window?from=${at}&minutes=5`]) {
          const t = performance.now();
          const res = await fetch(`${hub.url}/api/replay/${path}`, { headers });
          const text = await res.text();
          say(`${path.split('?')[0]} alone: ${ms(performance.now() - t)} ms, ${(text.length / 1e6).toFixed(1)} MB`);
        }
        const load = loadavg()[0]?.toFixed(1);
        say(`first frame ${ms(first)} ms (${(firstBytes / 1e6).toFixed(1)} MB); seeks p50 ${ms(s.p50)} p99 ${ms(s.p99)} max ${ms(s.max)} ms over ${runs}; load ${load}`);
        return [
          line(FIRST, 2000, first, `cold, mid-shift, ${(firstBytes / 1e6).toFixed(1)} MB JSON (5 min of fixes), load ${load}`),
          line(SEEK, 1000, s.p99, `${runs} seeks, p50 ${ms(s.p50)} ms, ${int(made.fixes)} fixes and ${int(made.events)} events in the store, load ${load}`),
        ];
      } finally {
        await hub.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
} satisfies CheckGoal;
