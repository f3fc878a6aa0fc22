import { describe, expect, it } from 'vitest';
import type { Signal } from '../../server/protocol/intake';
import { diffSignals, signalFeature } from '../../renderer/console/map/signalLayers';

const signal = (id: string, address?: Signal['address']): Signal => ({
  id,
  source: 'social',
  channel: 'x',
  text: 'Tak hangt laag',
  lat: 52.0786,
  lng: 4.3125,
  place: null,
  url: null,
  occurredAt: '2026-11-30T08:00:00.000Z',
  importedAt: '2026-11-30T08:00:00.000Z',
  batchId: null,
  externalId: id,
  ...(address !== undefined ? { address } : {}),
});

describe('the signal layer', () => {
  it("adds new signals, removes gone ones, and updates a signal's address when it arrives", () => {
    expect(diffSignals(new Map(), [signal('a')])?.add).toHaveLength(1);
    expect(diffSignals(new Map([['a', '']]), [signal('a')])).toBeNull();
    expect(diffSignals(new Map([['a', ''], ['b', '']]), [signal('a')])).toEqual({ remove: ['b'] });
    const addressed = diffSignals(new Map([['a', '']]), [signal('a', { label: 'Lange Voorhout 36', distanceM: 40 })]);
    expect(addressed).toEqual({ update: [{ id: 'a', addOrUpdateProperties: [{ key: 'address', value: 'Lange Voorhout 36, 40 m' }] }] });
  });

  it('names the address in the feature (empty while unknown or when none was found)', () => {
    expect(signalFeature(signal('a', { label: 'Lange Voorhout 36', distanceM: 40 })).properties.address).toBe('Lange Voorhout 36, 40 m');
    expect(signalFeature(signal('a', null)).properties.address).toBe('');
    expect(signalFeature(signal('a')).properties.address).toBe('');
  });
});
