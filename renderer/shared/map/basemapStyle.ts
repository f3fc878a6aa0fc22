/**
 * Which basemap a map draws, for the console and the field client alike, from the hub's ClientConfig:
 * 1. an online style (`mapStyleUrl`, e.g. PDOK's BRT achtergrondkaart; by night `mapNightStyleUrl` when set);
 * 2. else the hub's offline vector basemap (`mapTilesStyleUrl`: an MBTiles file it serves, `?mode=night`);
 * 3. else the bundled outline below: a dark background, the North Sea, a schematic outline of Den Haag and a few
 *    trunk roads for orientation (hand-simplified, not survey data; nothing fetched).
 * When the online style cannot be reached (a control room without internet), `basemapFallback` is drawn.
 */
import type { FeatureCollection } from 'geojson';
import type { Map as MaplibreMap, StyleSpecification } from 'maplibre-gl';
import type { ClientConfig } from '../../../server/protocol/api';
import denHaag from './den-haag.json';

export type BasemapMode = 'day' | 'night';
export type BasemapStyle = string | StyleSpecification;
type BasemapConfig = Pick<ClientConfig, 'mapStyleUrl' | 'mapNightStyleUrl' | 'mapTilesStyleUrl'>;

export const BASEMAP_COLORS = {
  land: '#10151c',
  sea: '#0b1f33',
  seaEdge: '#1d3b57',
  city: '#161e28',
  cityEdge: '#3b4b5e',
  road: '#2c3744',
};

function tilesStyle(config: BasemapConfig, mode: BasemapMode): string | null {
  return config.mapTilesStyleUrl ? `${config.mapTilesStyleUrl}?mode=${mode}` : null;
}

/** The style to draw in `mode`: a URL MapLibre loads, or the bundled style itself. */
export function basemapStyle(config: BasemapConfig, mode: BasemapMode): BasemapStyle {
  const online = mode === 'night' ? (config.mapNightStyleUrl ?? config.mapStyleUrl) : config.mapStyleUrl;
  return online ?? tilesStyle(config, mode) ?? offlineStyle();
}

/** Whether night differs from day: a night style is configured, or the hub's offline basemap (two palettes). */
export function hasNightBasemap(config: BasemapConfig): boolean {
  return config.mapStyleUrl ? Boolean(config.mapNightStyleUrl) : Boolean(config.mapNightStyleUrl || config.mapTilesStyleUrl);
}

/** What to draw when the online style fails to load; null when `basemapStyle` was already local. */
export function basemapFallback(config: BasemapConfig, mode: BasemapMode): BasemapStyle | null {
  if (!config.mapStyleUrl && !config.mapNightStyleUrl) return null;
  return tilesStyle(config, mode) ?? offlineStyle();
}

/**
 * A configured online basemap that cannot be reached before the map first loaded (an offline control room) is
 * swapped, once, for the fallback: the hub's own, or the bundled one. Returns whether that happened.
 */
export function fallBackWhenBasemapFails(map: MaplibreMap, config: BasemapConfig, mode: BasemapMode): () => boolean {
  let loaded = false;
  let fellBack = false;
  map.on('load', () => {
    loaded = true;
  });
  map.on('error', () => {
    const fallback = basemapFallback(config, mode);
    if (!loaded && !fellBack && fallback) {
      fellBack = true;
      map.setStyle(fallback);
    }
  });
  return () => fellBack;
}

export function offlineStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'Meldkamer offline',
    sources: {
      basemap: { type: 'geojson', data: denHaag as FeatureCollection },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BASEMAP_COLORS.land } },
      {
        id: 'sea',
        type: 'fill',
        source: 'basemap',
        filter: ['==', ['get', 'kind'], 'sea'],
        paint: { 'fill-color': BASEMAP_COLORS.sea, 'fill-outline-color': BASEMAP_COLORS.seaEdge },
      },
      {
        id: 'city',
        type: 'fill',
        source: 'basemap',
        filter: ['==', ['get', 'kind'], 'city'],
        paint: { 'fill-color': BASEMAP_COLORS.city },
      },
      {
        id: 'city-outline',
        type: 'line',
        source: 'basemap',
        filter: ['==', ['get', 'kind'], 'city'],
        paint: { 'line-color': BASEMAP_COLORS.cityEdge, 'line-width': 1.5, 'line-dasharray': [3, 2] },
      },
      {
        id: 'roads',
        type: 'line',
        source: 'basemap',
        filter: ['==', ['get', 'kind'], 'road'],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: {
          'line-color': BASEMAP_COLORS.road,
          'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1, 14, 4],
        },
      },
    ],
  };
}

const MODE_KEY = 'meldkamer.basemapMode';

/** The mode chosen on this machine; night unless the user switched to day (the console is a dark, night-readable UI). */
export function storedBasemapMode(): BasemapMode {
  try {
    return localStorage.getItem(MODE_KEY) === 'day' ? 'day' : 'night';
  } catch {
    return 'night';
  }
}

export function storeBasemapMode(mode: BasemapMode): void {
  try {
    localStorage.setItem(MODE_KEY, mode);
  } catch {
    // Storage off (private window): the choice lasts until the page reloads.
  }
}
