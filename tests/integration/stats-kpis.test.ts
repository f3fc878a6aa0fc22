import { randomUUID } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../server/protocol/common';
import type { Assignment, Unit } from '../../server/protocol/dispatch';
import type { Report } from '../../server/protocol/report';
import type { StatsAnswer } from '../../server/protocol/stats';
import * as m0038 from '../../server/store/migrations/0038_kpi_steps';
import * as m0051 from '../../server/store/migrations/0051_kpi_reads';
import { ACCOUNT_PASSWORD, createAccount } from '../support/accounts';
import { storeKinds } from '../support/databases';
import { connectField, createFieldUnits, type FieldClient } from '../support/field-units';
import { sampleReport, startTestHub, type TestHub, until } from '../support/hub';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

/**
 * The shift lead's KPIs (issue 14 point 2) against a scenario with known answers, on the hub clock: a real hub,
 * store, SMTP server and field sockets. The day asked for is Tuesday 1 December 2026 (Amsterdam, UTC+1):
 * [2026-11-30T23:00Z, 2026-12-01T23:00Z).
 *
 * R1 groen, reporter by e-mail: created 08:00, offered to a BOA 08:10, accepted 08:10:30, on scene 08:30, closed by the
 *    desk 09:00 with the message edited; the reporter answers "ja" at 12:00.
 * R2 afval, urgent (a term in hours, over by 17:00), reporter by e-mail: created 08:00, offered to a waste inspector
 *    08:30, accepted 08:30:45, on scene 09:05, closed 17:00 (late), message as composed; the reporter answers "nee" at 18:00
 *    (a reopen request).
 * R3 groen, reporter by phone only: created 08:00, never dispatched; its receipt SMS fails (no gateway).
 * R4, R5 groen, no reporter: created, dispatched and scheduled on 25 November for a follow-up on 1 December; R4 is
 *    closed 1 December 10:00, R5 not. Figures asked on 2 December.
 */

const DAY = { from: '2026-11-30T23:00:00.000Z', to: '2026-12-01T23:00:00.000Z' };
const at = (hhmm: string, date = '2026-12-01') => new Date(`${date}T${hhmm}:00.000Z`).getTime();
const MIN = 60_000;

const CLOSE_NO_ACTION = {
  kind: 'close',
  outcome: 'no_action',
  found: { code: 'zoals_gemeld', text: 'Tak aangetroffen, hangt hoog genoeg' },
  action: { code: 'geen_actie', text: 'Geen actie nodig, situatie is veilig' },
};

describe.each(storeKinds)('KPIs against targets (%s)', (store) => {
  let t: TestHub;
  let smtp: TestSmtp;
  let now = at('07:00', '2026-11-25');
  const fields: FieldClient[] = [];
  let chef = '';
  let desk = '';
  const ids: Record<string, string> = {};
  let r4CloseMs = 0;
  let r4WithinTerm = false;

  const api = <T>(method: string, path: string, token: string, body?: unknown) => t.api<T>(method, path, token, body);
  const move = (id: string, body: object, token = desk) => api<Report & { code?: string }>('POST', `/api/reports/${id}/transition`, token, body);
  const tokens = async () => {
    chef = (await t.login('chef')).token;
    desk = (await t.login('centralist')).token;
  };

  async function create(extra: object): Promise<Report> {
    const res = await api<Report>('POST', '/api/reports', desk, { ...sampleReport(), ...extra });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  async function offer(reportId: string, unitId: string): Promise<Assignment> {
    const res = await api<{ assignments: Assignment[] }>('POST', '/api/offers', desk, { commandId: randomUUID(), reportId, unitIds: [unitId] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const a = res.body.assignments[0];
    if (!a) throw new Error('no assignment');
    return a;
  }

  async function accept(field: FieldClient, assignmentId: string): Promise<void> {
    const ack = (await field.timeout(5000).emitWithAck('offer:accept', { commandId: randomUUID(), assignmentId })) as Ack<Assignment>;
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
  }

  async function onScene(field: FieldClient): Promise<void> {
    const ack = (await field.timeout(5000).emitWithAck('unit:status', { commandId: randomUUID(), status: 'ter_plaatse' })) as Ack<Unit>;
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
  }

  async function answer(reportId: string, tevreden: 'ja' | 'nee'): Promise<void> {
    const row = await t.hub.store.db.selectFrom('reports').select('citizen_token').where('id', '=', reportId).executeTakeFirstOrThrow();
    const res = await fetch(`${t.hub.url}/status/${row.citizen_token}/antwoord`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `tevreden=${tevreden}`,
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
  }

  const stats = (query: string, token = chef) => api<StatsAnswer>('GET', `/api/stats?${query}`, token);
  const dayQuery = (extra = '') => `from=${encodeURIComponent(DAY.from)}&to=${encodeURIComponent(DAY.to)}${extra}`;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestHub({
      store,
      smtp,
      clock: () => new Date(now),
      // One attempt: the receipt SMS without a gateway fails for good at once.
      config: { notify: { maxAttempts: 1, pollMs: 100, smtp: { host: smtp.host, port: smtp.port, secure: false, from: 'Gemeente <m@example.nl>' } } },
    });
    await tokens();
    const [boa] = await createFieldUnits(t.hub, 1, 'boa_domein_1');
    const [waste] = await createFieldUnits(t.hub, 1, 'toezicht_afval_fietsen');
    if (!boa || !waste) throw new Error('no units');
    // Sessions live on the hub clock: after the jump to 1 December the field units sign in again.
    const connectFields = async () => {
      for (const f of fields.splice(0)) f.disconnect();
      for (const unit of [boa, waste]) {
        const field = connectField(t.hub.url, (await t.login(unit.username, 'veld')).token);
        await new Promise((resolve) => field.once('connect', () => resolve(undefined)));
        fields.push(field);
      }
      return fields as [FieldClient, FieldClient];
    };
    let [boaField, wasteField] = await connectFields();
    ids.boa = boa.unitId;
    ids.waste = waste.unitId;

    // 25 November: R4 and R5 dispatched to the BOA and scheduled for 1 December.
    for (const name of ['R4', 'R5']) {
      const r = await create({ description: `Boomtak ${name} hangt laag over de stoep` });
      ids[name] = r.id;
      expect((await move(r.id, { to: 'triaged' })).status).toBe(200);
      await accept(boaField, (await offer(r.id, boa.unitId)).id);
      await onScene(boaField);
      const schedule = {
        kind: 'schedule',
        found: { code: 'tak_laag', text: 'Tak hangt op 1,80 m boven de stoep' },
        action: { code: 'onderhoudsronde', text: 'Gemarkeerd voor de snoeiploeg' },
        followUp: { date: '2026-12-01', what: 'De tak wordt gesnoeid', who: 'team Groen' },
      };
      expect((await move(r.id, { to: 'awaiting_review', resolution: schedule })).status).toBe(200);
      const scheduled = await move(r.id, { to: 'scheduled', resolution: schedule });
      expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(200);
      now += 10 * MIN;
    }
    const r4Created = (await api<{ report: Report }>('GET', `/api/reports/${ids.R4}`, desk)).body.report;

    // 1 December.
    now = at('08:00');
    await tokens();
    [boaField, wasteField] = await connectFields();
    const r1 = await create({ reporter: { name: 'A. Jansen', email: 'a@example.nl' }, consent: { contact: true } });
    const r2 = await create({ category: 'afval', priority: 'urgent', description: 'Afval naast de container', reporter: { email: 'b@example.nl' }, consent: { contact: true } });
    const r3 = await create({ description: 'Boomtak R3 hangt laag', reporter: { phone: '0612345678' }, consent: { contact: true } });
    Object.assign(ids, { R1: r1.id, R2: r2.id, R3: r3.id });
    // Urgent: a term in hours, over before the closing at 17:00.
    expect(Date.parse(r2.slaDeadline ?? '')).toBeLessThan(at('17:00'));
    await until(async () => (await t.hub.store.db.selectFrom('outbox').select('id').where('status', '=', 'failed').execute()).length === 1, 10_000, 'the SMS fails');
    for (const id of [r1.id, r2.id]) expect((await move(id, { to: 'triaged' })).status).toBe(200);

    now = at('08:10');
    const a1 = await offer(r1.id, boa.unitId);
    now = at('08:10') + 30_000;
    await accept(boaField, a1.id);
    now = at('08:30');
    await onScene(boaField);
    now = at('08:30');
    const a2 = await offer(r2.id, waste.unitId);
    now = at('08:30') + 45_000;
    await accept(wasteField, a2.id);
    now = at('09:00');
    const preview = await api<{ text: string }>('POST', `/api/reports/${r1.id}/preview`, desk, { to: 'closed', resolution: CLOSE_NO_ACTION });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    // The dispatcher's own words, still naming what was found and done literally (the hub insists on it).
    const edited = `${preview.body.text}\n\n${CLOSE_NO_ACTION.found.text}. ${CLOSE_NO_ACTION.action.text}. Wij houden de plek in de gaten.`;
    const closed1 = await move(r1.id, { to: 'closed', resolution: CLOSE_NO_ACTION, message: { text: edited } });
    expect(closed1.status, JSON.stringify(closed1.body)).toBe(200);
    now = at('09:05');
    await onScene(wasteField);
    now = at('10:00');
    const closed4 = await move(ids.R4 ?? '', { to: 'closed', resolution: CLOSE_NO_ACTION });
    expect(closed4.status, JSON.stringify(closed4.body)).toBe(200);
    r4CloseMs = now - Date.parse(r4Created.createdAt);
    r4WithinTerm = r4Created.slaDeadline !== null && now <= Date.parse(r4Created.slaDeadline);
    now = at('12:00');
    await answer(r1.id, 'ja');
    now = at('17:00');
    const closed2 = await move(r2.id, { to: 'closed', resolution: CLOSE_NO_ACTION });
    expect(closed2.status, JSON.stringify(closed2.body)).toBe(200);
    now = at('18:00');
    await answer(r2.id, 'nee');

    // Asked the next day.
    now = at('09:00', '2026-12-02');
    await tokens();
  }, 240_000);

  afterAll(async () => {
    for (const f of fields) f.disconnect();
    await t?.stop();
    await smtp?.stop();
  }, 60_000);

  it('the day in total: every KPI as the scenario gives it', async () => {
    const res = await stats(dayQuery());
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const k = res.body.total;
    expect(k.received).toBe(3);
    expect(k.queue).toEqual({ count: 2, medianMs: 20 * MIN, p90Ms: 30 * MIN });
    expect(k.dispatch).toEqual({ count: 2, medianMs: 0.625 * MIN, p90Ms: 0.75 * MIN });
    expect(k.travel).toEqual({ count: 2, medianMs: 26.875 * MIN, p90Ms: 34.25 * MIN });
    expect(k.onScene).toEqual({ count: 2, medianMs: 252.5 * MIN, p90Ms: 475 * MIN });
    const closes = [60 * MIN, 540 * MIN, r4CloseMs].sort((a, b) => a - b);
    expect(k.close).toEqual({ count: 3, medianMs: closes[1], p90Ms: closes[2] });
    expect(k.closed).toBe(3);
    expect(k.withTerm).toBe(3);
    expect(k.withinTerm).toBe(r4WithinTerm ? 2 : 1);
    expect(k.followUpsDue).toBe(2);
    expect(k.followUpsDone).toBe(1);
    expect(k.followUpsDoneShare).toBe(0.5);
    expect(k.asked).toBe(2);
    expect(k.answered).toBe(2);
    expect(k.satisfied).toBe(1);
    expect(k.satisfiedShare).toBe(0.5);
    expect(k.responseRate).toBe(1);
    expect(k.reopenRequests).toBe(1);
    expect(k.reopenRate).toBeCloseTo(1 / 3, 10);
    expect(k.closedWithMessage).toBe(2);
    expect(k.edited).toBe(1);
    expect(k.editedShare).toBe(0.5);
    expect(k.deliveriesFailed).toBe(1);
    expect(res.body.targets).toEqual({ withinTerm: 0.9, satisfied: 0.7 });
    expect(res.body.groups).toEqual([]);
  });

  it('per category and per team (unit kind): the scenario split, nothing per officer', async () => {
    const byCategory = await stats(dayQuery('&by=category'));
    expect(byCategory.status).toBe(200);
    const cat = Object.fromEntries(byCategory.body.groups.map((g) => [g.key, g.kpis]));
    expect(Object.keys(cat).sort()).toEqual(['afval', 'groen']);
    expect(cat.groen?.received).toBe(2);
    expect(cat.afval?.received).toBe(1);
    expect(cat.afval?.queue.medianMs).toBe(30 * MIN);
    expect(cat.groen?.closed).toBe(2);
    expect(cat.afval?.withinTerm).toBe(0);
    expect(cat.afval?.reopenRequests).toBe(1);
    expect(cat.groen?.followUpsDue).toBe(2);
    expect(cat.groen?.deliveriesFailed).toBe(1);
    expect(cat.groen?.satisfiedShare).toBe(1);
    expect(cat.afval?.satisfiedShare).toBe(0);

    const byTeam = await stats(dayQuery('&by=team'));
    expect(byTeam.status).toBe(200);
    const team = Object.fromEntries(byTeam.body.groups.map((g) => [g.key, g.kpis]));
    expect(Object.keys(team).sort()).toEqual(['boa_domein_1', 'none', 'toezicht_afval_fietsen']);
    expect(team.none?.received).toBe(1);
    expect(team.boa_domein_1?.dispatch).toEqual({ count: 1, medianMs: 0.5 * MIN, p90Ms: 0.5 * MIN });
    expect(team.toezicht_afval_fietsen?.travel).toEqual({ count: 1, medianMs: 34.25 * MIN, p90Ms: 34.25 * MIN });
    expect(team.boa_domein_1?.closed).toBe(2);
    expect(byTeam.body.groups.find((g) => g.key === 'toezicht_afval_fietsen')?.label).toBe('Toezichthouder afval en fietsen');
    expect(JSON.stringify(byTeam.body)).not.toContain(ids.boa ?? 'x');
    // The groups are named in the console's language (lang=en), the figures the same.
    const teamEn = await stats(dayQuery('&by=team&lang=en'));
    expect(teamEn.body.groups.map((g) => g.label)).toEqual(['BOA domain I', 'No unit', 'Waste and bicycle enforcement officer']);
    expect(teamEn.body.groups.map((g) => g.kpis)).toEqual(byTeam.body.groups.map((g) => g.kpis));
    const categories = await t.hub.store.db.selectFrom('categories').select(['code', 'name_en', 'name_nl']).where('code', 'in', ['afval', 'groen']).orderBy('code').execute();
    const categoryEn = await stats(dayQuery('&by=category&lang=en'));
    expect(categoryEn.body.groups.map((g) => g.label)).toEqual(categories.map((c) => c.name_en));
    expect(byCategory.body.groups.map((g) => g.label)).toEqual(categories.map((c) => c.name_nl));

    const byHood = await stats(dayQuery('&by=neighbourhood'));
    expect(byHood.status).toBe(200);
    expect(byHood.body.groups.reduce((n, g) => n + g.kpis.received, 0)).toBe(3);
  });

  it('a period written with an offset or without milliseconds reads the same instants (the steps are ISO text)', async () => {
    // 08:00-09:00 UTC holds the three reports created at 08:00; the store compares ISO text, so the hub normalises.
    const asZulu = await stats(`from=${encodeURIComponent('2026-12-01T08:00:00.000Z')}&to=${encodeURIComponent('2026-12-01T09:00:00.000Z')}`);
    const asOffset = await stats(`from=${encodeURIComponent('2026-12-01T09:00:00+01:00')}&to=${encodeURIComponent('2026-12-01T10:00:00+01:00')}`);
    const noMillis = await stats(`from=${encodeURIComponent('2026-12-01T08:00:00Z')}&to=${encodeURIComponent('2026-12-01T09:00:00Z')}`);
    for (const res of [asZulu, asOffset, noMillis]) expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(asZulu.body.total.received).toBe(3);
    expect(asOffset.body.total).toEqual(asZulu.body.total);
    expect(noMillis.body.total).toEqual(asZulu.body.total);
    expect(asOffset.body.from).toBe('2026-12-01T08:00:00.000Z');
  });

  it('the trend: the days before, oldest first, with their totals', async () => {
    const res = await stats(dayQuery('&trend=7'));
    expect(res.status).toBe(200);
    expect(res.body.trend).toHaveLength(7);
    expect(res.body.trend[0]?.from).toBe('2026-11-23T23:00:00.000Z');
    expect(res.body.trend[6]?.to).toBe(DAY.from);
    // The demo data the hub seeds at start lies in these days too: each day's count is the reports created in it.
    for (const p of res.body.trend) {
      const rows = await t.hub.store.db.selectFrom('reports').select('id').where('created_at', '>=', p.from).where('created_at', '<', p.to).execute();
      expect(p.kpis.received, p.from).toBe(rows.length);
    }
    const nov25 = res.body.trend.find((p) => p.from === '2026-11-24T23:00:00.000Z');
    expect(nov25?.kpis.received).toBeGreaterThanOrEqual(2);
  });

  it('CSV and XLSX: the same figures, text cells that begin with = + - @ escaped', async () => {
    await t.hub.store.db.updateTable('categories').set({ name_nl: '=HYPERLINK("http://x.example","klik")' }).where('code', '=', 'afval').execute();
    await t.hub.store.db.updateTable('categories').set({ name_nl: '@SUM(1+1)' }).where('code', '=', 'groen').execute();
    const csv = await fetch(`${t.hub.url}/api/stats?${dayQuery('&by=category&format=csv')}`, { headers: { authorization: `Bearer ${chef}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('kpi-2026-12-01-2026-12-02-category.csv');
    const text = await csv.text();
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('Ontvangen');
    expect(lines).toHaveLength(4);
    expect(lines.some((l) => l.includes(`"'=HYPERLINK(""http://x.example"",""klik"")"`))).toBe(true);
    expect(lines.some((l) => l.includes("'@SUM(1+1)"))).toBe(true);
    expect(lines.some((l) => /,=|^=|,@|^@/.test(l))).toBe(false);
    const total = lines.find((l) => l.includes(',Totaal,'))?.split(',');
    expect(total?.[3]).toBe('3');

    const xlsx = await fetch(`${t.hub.url}/api/stats?${dayQuery('&by=category&format=xlsx')}`, { headers: { authorization: `Bearer ${chef}` } });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.getWorksheet("KPI's");
    if (!sheet) throw new Error('no KPI sheet');
    const groups = [2, 3].map((r) => String(sheet.getRow(r).getCell(3).value));
    expect(groups.sort()).toEqual(["'=HYPERLINK(\"http://x.example\",\"klik\")", "'@SUM(1+1)"]);
    const totalRow = sheet.getRow(4);
    expect(totalRow.getCell(3).value).toBe('Totaal');
    expect(totalRow.getCell(4).value).toBe(3);
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeUndefined()));
  });

  it('the export speaks the console\'s language: lang=en writes English headers and totals in CSV and XLSX, Dutch without it', async () => {
    const get = (extra: string) => fetch(`${t.hub.url}/api/stats?${dayQuery(extra)}`, { headers: { authorization: `Bearer ${chef}` } });
    const english: string[][] = parseCsv(await (await get('&format=csv&lang=en')).text(), { bom: true });
    expect(english[0]?.slice(0, 4)).toEqual(['Period from', 'Period to', 'Group', 'Received']);
    expect(english.map((r) => r[2])).toContain('Total');
    const dutch: string[][] = parseCsv(await (await get('&format=csv')).text(), { bom: true });
    expect(dutch[0]?.slice(0, 4)).toEqual(['Periode van', 'Periode tot', 'Groep', 'Ontvangen']);
    expect(dutch.map((r) => r[2])).toContain('Totaal');

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await (await get('&format=xlsx&lang=en')).arrayBuffer());
    const sheet = book.getWorksheet('KPIs');
    if (!sheet) throw new Error('no KPI sheet');
    expect(sheet.getRow(1).getCell(4).value).toBe('Received');
    expect(sheet.getRow(2).getCell(3).value).toBe('Total');
    expect(book.getWorksheet('Targets')?.getRow(1).getCell(1).value).toBe('Target');
    expect((await get('&format=csv&lang=de')).status).toBe(422);
  });

  it('CSV: a group name with a comma, quotes and a line break reads back as one field (parsed with csv-parse)', async () => {
    const tricky = 'Groen, "bomen"\nen struiken';
    await t.hub.store.db.updateTable('categories').set({ name_nl: tricky }).where('code', '=', 'groen').execute();
    await t.hub.store.db.updateTable('categories').set({ name_nl: '-1+2;\r\nafval' }).where('code', '=', 'afval').execute();
    const res = await fetch(`${t.hub.url}/api/stats?${dayQuery('&by=category&format=csv')}`, { headers: { authorization: `Bearer ${chef}` } });
    expect(res.status).toBe(200);
    const records: string[][] = parseCsv(await res.text(), { bom: true, relaxColumnCount: false });
    expect(records).toHaveLength(4);
    expect(records.every((r) => r.length === records[0]?.length)).toBe(true);
    expect(records.map((r) => r[2]).sort()).toEqual(["'-1+2;\r\nafval", 'Groep', tricky, 'Totaal'].sort());
    expect(records.find((r) => r[2] === 'Totaal')?.[3]).toBe('3');
  });

  it('migration 0038 replays the event log into the same KPI steps the hub wrote with each event', async () => {
    const db = t.hub.store.db;
    const read = () => db.selectFrom('kpi_steps').selectAll().orderBy('seq').orderBy('kind').execute();
    const written = await read();
    expect(written.length).toBeGreaterThan(20);
    await m0038.down(db);
    await m0038.up(db);
    // The table is new: the indexes later migrations gave it (0051, which the reads name on SQLite) again too.
    await m0051.up(db);
    expect(await read()).toEqual(written);
    expect((await stats(dayQuery())).body.total.closed).toBe(3);
  });

  it('who may ask: shift lead and admin; everyone else refused, and bad questions refused clearly', async () => {
    const admin = await createAccount(t.hub, `kpi-admin-${randomUUID().slice(0, 6)}`, 'admin');
    expect((await stats(dayQuery(), (await t.login(admin.username, ACCOUNT_PASSWORD)).token)).status).toBe(200);
    expect((await stats(dayQuery(), desk)).status).toBe(403);
    const coordinator = await createAccount(t.hub, `kpi-pc-${randomUUID().slice(0, 6)}`, 'police_coordinator');
    expect((await stats(dayQuery(), (await t.login(coordinator.username, ACCOUNT_PASSWORD)).token)).status).toBe(403);
    const anonymous = await fetch(`${t.hub.url}/api/stats?${dayQuery()}`);
    expect(anonymous.status).toBe(401);

    for (const bad of [
      `from=${encodeURIComponent(DAY.to)}&to=${encodeURIComponent(DAY.from)}`,
      'from=gisteren&to=vandaag',
      `to=${encodeURIComponent(DAY.to)}`,
      dayQuery('&by=officer'),
      dayQuery('&format=pdf'),
      dayQuery('&trend=99'),
      dayQuery('&unit=abc'),
      `from=2025-01-01T00:00:00Z&to=${encodeURIComponent(DAY.to)}`,
    ]) {
      const res = await stats(bad);
      expect(res.status, bad).toBe(422);
      expect((res.body as unknown as { code: string }).code, bad).toBe('validation');
    }
  });
});
