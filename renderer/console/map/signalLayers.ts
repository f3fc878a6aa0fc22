/**
 * Signals (survey answers, social-media posts) on the map: their own GeoJSON source (`signals`, feature
 * id = signal id via promoteId), drawn as small diamonds (never mistaken for the round report points):
 * violet for surveys, teal for social media. The source is kept in step with `updateData` adds and removes
 * (and the one update a webhook signal gets: its nearest address). Toggled with layout visibility.
 */
import type { Feature, Point } from 'geojson';
import type { GeoJSONSource, GeoJSONSourceDiff, Map as MapLibreMap } from 'maplibre-gl';
import type { Signal, SignalSource } from '../../../server/protocol/intake';

export const SIGNALS_SOURCE = 'signals';
export const SIGNAL_LAYER = 'signals-points';

export const SIGNAL_COLORS: Record<SignalSource, string> = {
  survey: '#c792ea',
  social: '#4dd0c4',
};
const IMAGE_PREFIX = 'signal-diamond:';
const PIXEL_RATIO = 2;

export interface SignalFeatureProps {
  id: string;
  source: SignalSource;
  channel: string;
  place: string;
  occurredAt: string;
  /** The signal's text (shortened), for the popup. */
  text: string;
  /** Its nearest address with the distance ("Lange Voorhout 36, 40 m"), '' while unknown. */
  address: string;
}

export function signalAddressText(signal: Signal): string {
  return signal.address ? `${signal.address.label}, ${signal.address.distanceM} m` : '';
}

export function signalFeature(signal: Signal): Feature<Point, SignalFeatureProps> {
  return {
    type: 'Feature',
    id: signal.id,
    geometry: { type: 'Point', coordinates: [signal.lng, signal.lat] },
    properties: {
      id: signal.id,
      source: signal.source,
      channel: signal.channel ?? '',
      place: signal.place ?? '',
      occurredAt: signal.occurredAt,
      text: signal.text.length > 500 ? `${signal.text.slice(0, 499)}…` : signal.text,
      address: signalAddressText(signal),
    },
  };
}

/**
 * The updateData diff from what the source shows (`shown`: id → address text) to `next` (null when nothing
 * changed). A stored signal changes only once: when its nearest address arrives.
 */
export function diffSignals(shown: ReadonlyMap<string, string>, next: readonly Signal[]): GeoJSONSourceDiff | null {
  const seen = new Set<string>();
  const add: Feature[] = [];
  const update: NonNullable<GeoJSONSourceDiff['update']> = [];
  for (const signal of next) {
    seen.add(signal.id);
    const address = shown.get(signal.id);
    if (address === undefined) add.push(signalFeature(signal));
    else if (address !== signalAddressText(signal)) update.push({ id: signal.id, addOrUpdateProperties: [{ key: 'address', value: signalAddressText(signal) }] });
  }
  const remove = [...shown.keys()].filter((id) => !seen.has(id));
  if (add.length === 0 && remove.length === 0 && update.length === 0) return null;
  return { ...(add.length > 0 ? { add } : {}), ...(remove.length > 0 ? { remove } : {}), ...(update.length > 0 ? { update } : {}) };
}

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** A filled diamond with a dark rim, as raw pixels (no canvas needed). */
export function diamondImage(color: string, size = 18): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  const [r, g, b] = hexToRgb(color);
  const c = (size - 1) / 2;
  const outer = c;
  const inner = c - 2.2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.abs(x - c) + Math.abs(y - c);
      const i = (y * size + x) * 4;
      if (d <= inner) {
        data.set([r, g, b, 235], i);
      } else if (d <= outer) {
        data.set([11, 15, 20, 230], i);
      }
    }
  }
  return { width: size, height: size, data };
}

export function addSignalLayers(map: MapLibreMap, beforeLayer?: string): void {
  if (!map.getSource(SIGNALS_SOURCE)) {
    map.addSource(SIGNALS_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id' });
  }
  for (const [source, color] of Object.entries(SIGNAL_COLORS)) {
    const id = IMAGE_PREFIX + source;
    if (!map.hasImage(id)) map.addImage(id, diamondImage(color), { pixelRatio: PIXEL_RATIO });
  }
  if (!map.getLayer(SIGNAL_LAYER)) {
    map.addLayer(
      {
        id: SIGNAL_LAYER,
        type: 'symbol',
        source: SIGNALS_SOURCE,
        layout: {
          'icon-image': ['concat', IMAGE_PREFIX, ['get', 'source']],
          'icon-size': ['interpolate', ['linear'], ['zoom'], 10, 0.6, 14, 1, 17, 1.3],
          'icon-allow-overlap': true,
          'icon-ignore-placement': true,
          visibility: 'none',
        },
        paint: { 'icon-opacity': 0.9 },
      },
      beforeLayer && map.getLayer(beforeLayer) ? beforeLayer : undefined,
    );
  }
}

export function signalsSource(map: MapLibreMap): GeoJSONSource | undefined {
  return map.getSource<GeoJSONSource>(SIGNALS_SOURCE);
}

export function setLayerVisible(map: MapLibreMap, layerIds: readonly string[], visible: boolean): void {
  for (const id of layerIds) {
    if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }
}
