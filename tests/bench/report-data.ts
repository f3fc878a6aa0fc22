/**
 * The generated city for the benches at scale (queries.ts and the cached `check` fixture): reports in the Den Haag
 * bbox with a seeded PRNG, so SQLite and PostgreSQL get the same rows (apart from random ids).
 */
import { randomUUID } from 'node:crypto';
import { CATEGORIES, DEN_HAAG, prng } from './support';

export const REPORT_YEARS = 3;
const DAY = 86_400_000;

export const REPORT_COLUMNS = [
  'id',
  'number',
  'category',
  'lat',
  'lng',
  'address',
  'description',
  'source',
  'priority',
  'status',
  'outcome',
  'created_by',
  'created_at',
  'updated_at',
  'version',
  'follow_up_date',
  'sla_deadline',
  'citizen_token',
  'citizen_code',
  'feedback_locale',
] as const;
export const REPORT_PG_TYPES = [
  'text',
  'bigint',
  'text',
  'float8',
  'float8',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'bigint',
  'text',
  'text',
  'text',
  'text',
  'text',
] as const;

export type Row = (string | number | null)[];

// ---------- data ----------

const CATEGORY_WEIGHTS = [0.3, 0.2, 0.1, 0.15, 0.15, 0.1];
const OPEN_STATUSES: [string, number][] = [
  ['new', 0.25],
  ['triaged', 0.15],
  ['dispatched', 0.15],
  ['in_progress', 0.15],
  ['awaiting_review', 0.1],
  ['scheduled', 0.15],
  ['reopen_requested', 0.05],
];
const OUTCOMES: [string, number][] = [
  ['resolved', 0.6],
  ['referred', 0.1],
  ['no_action', 0.1],
  ['not_found', 0.1],
  ['duplicate', 0.07],
  ['cancelled', 0.03],
];
const SOURCES: [string, number][] = [
  ['web', 0.35],
  ['app', 0.3],
  ['phone', 0.25],
  ['email', 0.05],
  ['open311', 0.05],
];
const DESCRIPTIONS: Record<string, string[]> = {
  afval: ['Vuilniszakken naast de container', 'Grofvuil op de stoep', 'Container vol, afval ernaast'],
  parkeren: ['Auto op de stoep geparkeerd', 'Busje blokkeert de uitrit', 'Fout geparkeerd op invalidenplaats'],
  zwerffiets: ['Fietswrak aan het hek', 'Fiets zonder wielen al weken', 'Zwerffiets in fietsenrek'],
  overlast: ['Geluidsoverlast van een groep jongeren', 'Hangjongeren bij de speeltuin', 'Overlast van een feest'],
  groen: ['Boomtak hangt laag over de stoep', 'Omgewaaide boom blokkeert het fietspad', 'Heg belemmert het zicht'],
  verlichting: ['Lantaarnpaal brandt niet', 'Straatlamp knippert', 'Lichtmast scheef na aanrijding'],
};
export const STREETS = ['Lange Voorhout', 'Grote Markt', 'Spui', 'Laan van Meerdervoort', 'Weimarstraat', 'Fahrenheitstraat'];

function pick<T>(rand: () => number, items: readonly [T, number][]): T {
  let r = rand();
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
}

const gauss = (rand: () => number) => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * The generated city: creation times evenly spread over three years (numbers in creation order, ~900 a day); 65% of
 * reports near one of 40 hotspots (σ ≈ 200 m, each with a favourite category), the rest anywhere in the Den Haag
 * bbox; open (not closed) 40% in the last 30 days, 2% up to a year old, 0.5% older: about 2% overall.
 */
export function* generateReports(total: number, now: number, batchSize: number): Generator<Row[]> {
  const rand = prng(20_240_601);
  const hotspots = Array.from({ length: 40 }, () => ({
    lat: DEN_HAAG.latMin + 0.01 + rand() * (DEN_HAAG.latMax - DEN_HAAG.latMin - 0.02),
    lng: DEN_HAAG.lngMin + 0.02 + rand() * (DEN_HAAG.lngMax - DEN_HAAG.lngMin - 0.04),
    category: CATEGORIES[Math.floor(rand() * CATEGORIES.length)]!,
  }));
  const categoryItems = CATEGORIES.map((c, i) => [c, CATEGORY_WEIGHTS[i]!] as [string, number]);
  const span = REPORT_YEARS * 365 * DAY;
  const start = now - span;
  let batch: Row[] = [];
  for (let i = 0; i < total; i++) {
    const created = start + ((i + rand()) / total) * span;
    const ageDays = (now - created) / DAY;
    let lat: number;
    let lng: number;
    let category: string;
    if (rand() < 0.65) {
      const h = hotspots[Math.floor(rand() * hotspots.length)]!;
      lat = h.lat + gauss(rand) * 0.0018;
      lng = h.lng + gauss(rand) * 0.0029;
      category = rand() < 0.6 ? h.category : pick(rand, categoryItems);
    } else {
      lat = DEN_HAAG.latMin + rand() * (DEN_HAAG.latMax - DEN_HAAG.latMin);
      lng = DEN_HAAG.lngMin + rand() * (DEN_HAAG.lngMax - DEN_HAAG.lngMin);
      category = pick(rand, categoryItems);
    }
    lat = clamp(lat, DEN_HAAG.latMin, DEN_HAAG.latMax);
    lng = clamp(lng, DEN_HAAG.lngMin, DEN_HAAG.lngMax);
    const pOpen = ageDays < 30 ? 0.4 : ageDays < 365 ? 0.02 : 0.005;
    const open = rand() < pOpen;
    const status = open ? pick(rand, OPEN_STATUSES) : 'closed';
    const outcome = open ? null : pick(rand, OUTCOMES);
    const updated = open ? created + rand() * Math.min(ageDays, 5) * DAY : created + rand() * Math.min(ageDays, 10) * DAY;
    const followUp = status === 'scheduled' ? new Date(now + rand() * 60 * DAY).toISOString().slice(0, 10) : null;
    const texts = DESCRIPTIONS[category]!;
    const citizen = randomUUID().replaceAll('-', '');
    batch.push([
      randomUUID(),
      i + 1,
      category,
      Math.round(lat * 1e6) / 1e6,
      Math.round(lng * 1e6) / 1e6,
      rand() < 0.7 ? `${STREETS[Math.floor(rand() * STREETS.length)]} ${1 + Math.floor(rand() * 300)}` : null,
      texts[Math.floor(rand() * texts.length)]!,
      pick(rand, SOURCES),
      rand() < 0.9 ? 'normal' : rand() < 0.7 ? 'high' : 'urgent',
      status,
      outcome,
      rand() < 0.3 ? 'user-dispatcher' : null,
      new Date(created).toISOString(),
      new Date(updated).toISOString(),
      i + 1,
      followUp,
      new Date(created + (1 + Math.floor(rand() * 10)) * DAY).toISOString(),
      citizen,
      citizen.slice(0, 8),
      'nl',
    ]);
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** All rows, generated once and loaded into each store. */

/** All rows of `total` reports, generated at once. */
export function generateAllReports(total: number, now: number): Row[] {
  const rows: Row[] = [];
  for (const batch of generateReports(total, now, 100_000)) for (const row of batch) rows.push(row);
  return rows;
}
