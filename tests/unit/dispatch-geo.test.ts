import { describe, expect, it } from 'vitest';
import { distanceText, formatDistance } from '../../server/domain/distance-text';
import { distanceMeters, pointInPolygon } from '../../server/domain/geo';

const DEN_HAAG_CS = { lat: 52.0808, lng: 4.3242 };
const BINNENHOF = { lat: 52.0799, lng: 4.313 };

// A square around the Binnenhof/Hofvijver, rings of [lng, lat] as in FocusArea.
const SQUARE: [number, number][] = [
  [4.31, 52.078],
  [4.317, 52.078],
  [4.317, 52.082],
  [4.31, 52.082],
  [4.31, 52.078],
];

describe('distanceMeters', () => {
  it('Den Haag CS to Binnenhof is about 770 m', () => {
    expect(Math.abs(distanceMeters(DEN_HAAG_CS, BINNENHOF) - 770)).toBeLessThanOrEqual(20);
  });

  it('is symmetric and zero for the same point', () => {
    expect(distanceMeters(DEN_HAAG_CS, BINNENHOF)).toBeCloseTo(distanceMeters(BINNENHOF, DEN_HAAG_CS), 6);
    expect(distanceMeters(DEN_HAAG_CS, DEN_HAAG_CS)).toBe(0);
  });

  it('one hundredth of a degree of latitude is about 1112 m', () => {
    expect(distanceMeters({ lat: 52, lng: 4.3 }, { lat: 52.01, lng: 4.3 })).toBeCloseTo(1112, -1);
  });

  it('Den Haag CS to Amsterdam Centraal (52.3789, 4.9003) is about 50 km', () => {
    const d = distanceMeters(DEN_HAAG_CS, { lat: 52.3789, lng: 4.9003 });
    expect(d).toBeGreaterThan(49_000);
    expect(d).toBeLessThan(51_500);
  });
});

describe('pointInPolygon', () => {
  it('finds the Binnenhof inside and Den Haag CS outside the square', () => {
    expect(pointInPolygon(BINNENHOF, [SQUARE])).toBe(true);
    expect(pointInPolygon(DEN_HAAG_CS, [SQUARE])).toBe(false);
  });

  it('does not swap lat and lng', () => {
    expect(pointInPolygon({ lat: BINNENHOF.lng, lng: BINNENHOF.lat }, [SQUARE])).toBe(false);
  });

  it('accepts a ring that is not closed', () => {
    expect(pointInPolygon(BINNENHOF, [SQUARE.slice(0, 4)])).toBe(true);
  });

  it('respects holes', () => {
    const hole: [number, number][] = [
      [4.312, 52.079],
      [4.315, 52.079],
      [4.315, 52.081],
      [4.312, 52.081],
      [4.312, 52.079],
    ];
    expect(pointInPolygon(BINNENHOF, [SQUARE, hole])).toBe(false);
    expect(pointInPolygon({ lat: 52.0785, lng: 4.311 }, [SQUARE, hole])).toBe(true);
  });

  it('a degenerate ring encloses nothing', () => {
    expect(pointInPolygon(BINNENHOF, [[[4.31, 52.078], [4.317, 52.078]]])).toBe(false);
  });
});

describe('formatDistance', () => {
  it.each([
    [0, '0 m'],
    [4, '0 m'],
    [44, '40 m'],
    [846, '850 m'],
    [994, '990 m'],
    [996, '1,0 km'],
    [1234, '1,2 km'],
    [9940, '9,9 km'],
    [9960, '10 km'],
    [12_400, '12 km'],
    [1_250_000, '1.250 km'],
  ])('%d m reads "%s"', (meters, text) => {
    expect(formatDistance(meters)).toBe(text);
  });

  it('codes a distance in whole-number parts, so each language writes its own separators', () => {
    expect(distanceText(846)).toEqual({ code: 'distance.meters', params: { meters: 850 }, message: '850 m' });
    expect(distanceText(996)).toEqual({ code: 'distance.km_one_decimal', params: { km: 1, tenth: 0 }, message: '1,0 km' });
    expect(distanceText(12_400)).toEqual({ code: 'distance.km', params: { km: 12 }, message: '12 km' });
    expect(distanceText(1_250_000)).toEqual({
      code: 'distance.km_thousands',
      params: { thousands: 1, rest: '250' },
      message: '1.250 km',
    });
    expect(distanceText(Number.NaN)).toEqual({ code: 'distance.unknown', params: {}, message: 'onbekend' });
  });

  it('an impossible distance reads "onbekend"', () => {
    expect(formatDistance(Number.NaN)).toBe('onbekend');
    expect(formatDistance(-5)).toBe('onbekend');
    expect(formatDistance(Number.POSITIVE_INFINITY)).toBe('onbekend');
  });
});
