import { describe, expect, it } from 'vitest';
import { boundaryBounds, boundsOf } from '../../renderer/shared/geo/bounds';
import { formatLatLng, parseCoordinate, parseLatLngText, roundCoordinate } from '../../renderer/shared/geo/coordinates';
import { closeRing, dropRepeatedCorners, ringCorners } from '../../renderer/shared/geo/ring';

const square: [number, number][] = [
  [4.3, 52.07],
  [4.32, 52.07],
  [4.32, 52.09],
  [4.3, 52.09],
];

describe('bounds', () => {
  it('boundaryBounds is [[west, south], [east, north]] of the points', () => {
    expect(boundaryBounds([[4.31, 52.08], ...square])).toEqual([
      [4.3, 52.07],
      [4.32, 52.09],
    ]);
    expect(boundaryBounds([[4.3, 52.1]])).toEqual([
      [4.3, 52.1],
      [4.3, 52.1],
    ]);
    expect(boundaryBounds([])).toBeNull();
  });

  it('boundsOf takes a polygon by its outer ring and ignores holes', () => {
    const hole: [number, number][] = [
      [0, 0],
      [10, 10],
      [0, 10],
    ];
    expect(boundsOf([closeRing(square), hole])).toEqual([
      [4.3, 52.07],
      [4.32, 52.09],
    ]);
    expect(boundsOf([])).toBeNull();
    expect(boundsOf([[]])).toBeNull();
  });
});

describe('rings', () => {
  it('closeRing repeats the first corner once, and leaves a closed ring (and the input) alone', () => {
    const closed = closeRing(square);
    expect(closed).toHaveLength(5);
    expect(closed[4]).toEqual(square[0]);
    expect(closeRing(closed)).toEqual(closed);
    expect(square).toHaveLength(4);
    expect(closeRing([])).toEqual([]);
  });

  it('ringCorners drops the closing point only', () => {
    expect(ringCorners(closeRing(square))).toEqual(square);
    expect(ringCorners(square)).toEqual(square);
    expect(ringCorners([[1, 2]])).toEqual([[1, 2]]);
    expect(ringCorners([])).toEqual([]);
  });

  it('dropRepeatedCorners removes a double click’s repeated spot, not a return to an earlier corner', () => {
    const clicks: [number, number][] = [[1, 1], [2, 1], [2, 1], [2, 2], [1, 1], [1, 1]];
    expect(dropRepeatedCorners(clicks)).toEqual([[1, 1], [2, 1], [2, 2], [1, 1]]);
    expect(dropRepeatedCorners([])).toEqual([]);
  });
});

describe('coordinates', () => {
  it('parseCoordinate takes a decimal comma; empty or junk is NaN', () => {
    expect(parseCoordinate('52,0799')).toBe(52.0799);
    expect(parseCoordinate(' 4.31 ')).toBe(4.31);
    expect(parseCoordinate('')).toBeNaN();
    expect(parseCoordinate('   ')).toBeNaN();
    expect(parseCoordinate('abc')).toBeNaN();
  });

  it('parseLatLngText gives a rounded point, or null while incomplete or out of range', () => {
    expect(parseLatLngText({ lat: '52,07991234', lng: '4.3113' })).toEqual({ lat: 52.079912, lng: 4.3113 });
    expect(parseLatLngText({ lat: '52.07', lng: '' })).toBeNull();
    expect(parseLatLngText({ lat: '91', lng: '4' })).toBeNull();
    expect(parseLatLngText({ lat: '52', lng: '-181' })).toBeNull();
    expect(parseLatLngText({ lat: '-90', lng: '180' })).toEqual({ lat: -90, lng: 180 });
  });

  it('roundCoordinate keeps six decimals; formatLatLng shows five', () => {
    expect(roundCoordinate(4.12345678)).toBe(4.123457);
    expect(formatLatLng(52.0799, 4.3113)).toBe('52.07990, 4.31130');
  });
});
