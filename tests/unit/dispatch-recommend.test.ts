import { describe, expect, it } from 'vitest';
import { Recommendation, type UnitKind, type UnitStatus } from '../../server/protocol/dispatch';
import type { PolygonCoordinates } from '../../server/domain/geo';
import { type RecommendationCandidate, recommendUnits } from '../../server/domain/recommend';

const NOW = new Date('2026-03-10T10:00:00.000Z');
const REPORT = { lat: 52.0799, lng: 4.313, category: 'overlast' };
/** Metres per degree of latitude (close enough for placing test units due north). */
const M_PER_DEG_LAT = 111_195;

/** An area around the report point: [lng, lat] rings. */
const AROUND_REPORT: PolygonCoordinates = [
  [
    [4.31, 52.078],
    [4.317, 52.078],
    [4.317, 52.082],
    [4.31, 52.082],
    [4.31, 52.078],
  ],
];
/** An area elsewhere in town (Scheveningen). */
const ELSEWHERE: PolygonCoordinates = [
  [
    [4.27, 52.1],
    [4.28, 52.1],
    [4.28, 52.11],
    [4.27, 52.11],
    [4.27, 52.1],
  ],
];

function secondsAgo(s: number): string {
  return new Date(NOW.getTime() - s * 1000).toISOString();
}

function unit(
  callsign: string,
  metresNorth: number | null,
  extra: Partial<RecommendationCandidate> & { ageSeconds?: number } = {},
): RecommendationCandidate {
  const { ageSeconds = 10, ...rest } = extra;
  return {
    id: `u-${callsign.toLowerCase().replace(/\s+/g, '-')}`,
    callsign,
    kind: 'boa_domein_1' as UnitKind,
    status: 'beschikbaar' as UnitStatus,
    position:
      metresNorth === null
        ? null
        : { lat: REPORT.lat + metresNorth / M_PER_DEG_LAT, lng: REPORT.lng, at: secondsAgo(ageSeconds) },
    load: 0,
    taskedAreaPolygons: [],
    ...rest,
  };
}

const callsigns = (recs: { callsign: string }[]) => recs.map((r) => r.callsign);

describe('recommendUnits', () => {
  it('ranks by distance, nearest first, with the distance as a Dutch reason', () => {
    const recs = recommendUnits(REPORT, [unit('BOA 3', 1500), unit('BOA 1', 300), unit('BOA 2', 800)], NOW);
    expect(callsigns(recs)).toEqual(['BOA 1', 'BOA 2', 'BOA 3']);
    expect(recs.map((r) => r.distanceMeters)).toEqual([300, 800, 1500]);
    expect(recs.map((r) => r.reasons)).toEqual([['300 m'], ['800 m'], ['1,5 km']]);
    for (const r of recs) expect(() => Recommendation.parse(r)).not.toThrow();
    expect(recs[0]).toMatchObject({ unitId: 'u-boa-1', kind: 'boa_domein_1', status: 'beschikbaar', positionAgeSeconds: 10, load: 0, taskedToArea: false });
  });

  it('only returns units that may handle the category', () => {
    const units = [
      unit('BOA 1', 900),
      unit('P 1', 100, { kind: 'toezicht_parkeren' }),
      unit('AF 1', 200, { kind: 'toezicht_afval_fietsen' }),
    ];
    expect(callsigns(recommendUnits({ ...REPORT, category: 'groen' }, units, NOW))).toEqual(['BOA 1']);
    expect(callsigns(recommendUnits({ ...REPORT, category: 'parkeren' }, units, NOW))).toEqual(['P 1', 'BOA 1']);
    expect(callsigns(recommendUnits({ ...REPORT, category: 'zwerffiets' }, units, NOW))).toEqual(['AF 1', 'BOA 1']);
    expect(callsigns(recommendUnits({ ...REPORT, category: 'afval' }, units, NOW))).toEqual(['AF 1', 'BOA 1']);
  });

  it('leaves out every unit that is not beschikbaar', () => {
    const statuses: UnitStatus[] = ['aangeboden', 'onderweg', 'ter_plaatse', 'bezet', 'pauze', 'uit_dienst'];
    const busy = statuses.map((status, i) => unit(`BOA ${i + 10}`, 50, { status }));
    expect(recommendUnits(REPORT, busy, NOW)).toEqual([]);
    expect(callsigns(recommendUnits(REPORT, [...busy, unit('BOA 1', 2000)], NOW))).toEqual(['BOA 1']);
  });

  it('penalises a stale fix: a fresh fix a bit farther away wins', () => {
    const recs = recommendUnits(REPORT, [unit('BOA 1', 500, { ageSeconds: 600 }), unit('BOA 2', 700)], NOW);
    expect(callsigns(recs)).toEqual(['BOA 2', 'BOA 1']);
    expect(recs[1]).toMatchObject({ distanceMeters: 500, positionAgeSeconds: 600, reasons: ['500 m', 'positie 10 min oud'] });
  });

  it('a fix up to 2 minutes old is not stale; just over is', () => {
    const [fresh] = recommendUnits(REPORT, [unit('BOA 1', 500, { ageSeconds: 120 })], NOW);
    const [stale] = recommendUnits(REPORT, [unit('BOA 1', 500, { ageSeconds: 121 })], NOW);
    expect(fresh?.reasons).toEqual(['500 m']);
    expect(stale?.reasons).toEqual(['500 m', 'positie 2 min oud']);
    expect(stale!.score).toBeGreaterThan(fresh!.score);
  });

  it('the older the fix, the larger the penalty (capped)', () => {
    const ages = [180, 600, 1800, 7200];
    const scores = ages.map((ageSeconds) => recommendUnits(REPORT, [unit('BOA 1', 500, { ageSeconds })], NOW)[0]!.score);
    for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeGreaterThan(scores[i - 1]!);
    const [veryOld] = recommendUnits(REPORT, [unit('BOA 1', 500, { ageSeconds: 3 * 86_400 })], NOW);
    expect(veryOld?.reasons).toEqual(['500 m', 'positie 3 dagen oud']);
    const [twoHours] = recommendUnits(REPORT, [unit('BOA 1', 500, { ageSeconds: 7200 })], NOW);
    expect(twoHours?.reasons).toEqual(['500 m', 'positie 2 uur oud']);
  });

  it('a unit without a fix comes after units with one, even far ones', () => {
    const recs = recommendUnits(REPORT, [unit('BOA 1', null), unit('BOA 2', 3000), unit('BOA 3', 400, { ageSeconds: 1200 })], NOW);
    expect(callsigns(recs)).toEqual(['BOA 3', 'BOA 2', 'BOA 1']);
    expect(recs[2]).toMatchObject({ distanceMeters: null, positionAgeSeconds: null, reasons: ['geen positie'] });
  });

  it('a fix with an unreadable time counts as no fix', () => {
    const broken = unit('BOA 1', 100);
    broken.position = { lat: REPORT.lat, lng: REPORT.lng, at: 'gisteren' };
    const recs = recommendUnits(REPORT, [broken, unit('BOA 2', 3000)], NOW);
    expect(callsigns(recs)).toEqual(['BOA 2', 'BOA 1']);
    expect(recs[1]?.reasons).toEqual(['positie onleesbaar']);
  });

  it('a fix from a device clock slightly ahead counts as fresh', () => {
    const [rec] = recommendUnits(REPORT, [unit('BOA 1', 500, { ageSeconds: -5 })], NOW);
    expect(rec).toMatchObject({ positionAgeSeconds: 0, reasons: ['500 m'] });
  });

  it('prefers a unit tasked to an area containing the report over a slightly closer one', () => {
    const recs = recommendUnits(
      REPORT,
      [unit('BOA 1', 600), unit('BOA 2', 900, { taskedAreaPolygons: [ELSEWHERE, AROUND_REPORT] })],
      NOW,
    );
    expect(callsigns(recs)).toEqual(['BOA 2', 'BOA 1']);
    expect(recs[0]).toMatchObject({ taskedToArea: true, reasons: ['900 m', 'ingedeeld in dit gebied'] });
    expect(recs[1]?.taskedToArea).toBe(false);
  });

  it('being tasked elsewhere gives no preference', () => {
    const recs = recommendUnits(REPORT, [unit('BOA 2', 900, { taskedAreaPolygons: [ELSEWHERE] }), unit('BOA 1', 600)], NOW);
    expect(callsigns(recs)).toEqual(['BOA 1', 'BOA 2']);
    expect(recs[1]?.taskedToArea).toBe(false);
  });

  it('a tasked unit far away does not beat an untasked unit next door', () => {
    const recs = recommendUnits(REPORT, [unit('BOA 1', 200), unit('BOA 2', 6000, { taskedAreaPolygons: [AROUND_REPORT] })], NOW);
    expect(callsigns(recs)).toEqual(['BOA 1', 'BOA 2']);
  });

  it('penalises load: at the same place the unit with fewer running assignments wins', () => {
    const recs = recommendUnits(
      REPORT,
      [unit('BOA 1', 500, { load: 2 }), unit('BOA 2', 500, { load: 1 }), unit('BOA 3', 500)],
      NOW,
    );
    expect(callsigns(recs)).toEqual(['BOA 3', 'BOA 2', 'BOA 1']);
    expect(recs.map((r) => r.reasons)).toEqual([['500 m'], ['500 m', '1 lopende opdracht'], ['500 m', '2 lopende opdrachten']]);
    expect(recs.map((r) => r.load)).toEqual([0, 1, 2]);
  });

  it('load weighs less than a large difference in distance', () => {
    expect(callsigns(recommendUnits(REPORT, [unit('BOA 1', 200, { load: 1 }), unit('BOA 2', 2500)], NOW))).toEqual([
      'BOA 1',
      'BOA 2',
    ]);
  });

  it('breaks ties by callsign in natural order, whatever the input order', () => {
    const units = [unit('BOA 10', 500), unit('BOA 2', 500), unit('Alfa', null), unit('BOA 1', 500)];
    const expected = ['BOA 1', 'BOA 2', 'BOA 10', 'Alfa'];
    expect(callsigns(recommendUnits(REPORT, units, NOW))).toEqual(expected);
    expect(callsigns(recommendUnits(REPORT, [...units].reverse(), NOW))).toEqual(expected);
  });

  it('combines the reasons in a fixed order', () => {
    const [rec] = recommendUnits(
      REPORT,
      [unit('BOA 1', 1200, { ageSeconds: 300, load: 2, taskedAreaPolygons: [AROUND_REPORT] })],
      NOW,
    );
    expect(rec?.reasons).toEqual(['1,2 km', 'positie 5 min oud', 'ingedeeld in dit gebied', '2 lopende opdrachten']);
  });

  it('gives every reason as a coded text too, with the same Dutch message', () => {
    const [rec] = recommendUnits(
      REPORT,
      [unit('BOA 1', 1200, { ageSeconds: 300, load: 2, taskedAreaPolygons: [AROUND_REPORT] })],
      NOW,
    );
    expect(rec?.reasonTexts).toEqual([
      { code: 'distance.km_one_decimal', params: { km: 1, tenth: 2 }, message: '1,2 km' },
      {
        code: 'recommend.reason.position_age',
        params: { age: { code: 'recommend.age.minutes', params: { minutes: 5 }, message: '5 min' } },
        message: 'positie 5 min oud',
      },
      { code: 'recommend.reason.tasked_here', params: {}, message: 'ingedeeld in dit gebied' },
      { code: 'recommend.reason.assignments', params: { count: 2 }, message: '2 lopende opdrachten' },
    ]);
  });

  it('options: a limit and a different staleness threshold', () => {
    const units = [unit('BOA 1', 300), unit('BOA 2', 800), unit('BOA 3', 1500)];
    expect(callsigns(recommendUnits(REPORT, units, NOW, { limit: 2 }))).toEqual(['BOA 1', 'BOA 2']);
    const [rec] = recommendUnits(REPORT, [unit('BOA 1', 500, { ageSeconds: 60 })], NOW, { staleAfterSeconds: 30 });
    expect(rec?.reasons).toEqual(['500 m', 'positie 1 min oud']);
    const [unchanged] = recommendUnits(REPORT, [unit('BOA 1', 500, { ageSeconds: 60 })], NOW, { staleAfterSeconds: undefined });
    expect(unchanged?.reasons).toEqual(['500 m']);
  });

  it('returns nothing when no unit is eligible', () => {
    expect(recommendUnits(REPORT, [], NOW)).toEqual([]);
    expect(recommendUnits({ ...REPORT, category: 'verlichting' }, [unit('P 1', 10, { kind: 'toezicht_parkeren' })], NOW)).toEqual([]);
  });
});
