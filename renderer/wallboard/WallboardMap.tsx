import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';
import type { Socket } from 'socket.io-client';
import type { OverviewState } from '../../server/domain/overview';
import type { ClientConfig } from '../../server/protocol/api';
import type { WallboardServerToClient } from '../../server/protocol/overview';
import { basemapStyle, fallBackWhenBasemapFails } from '../shared/map/basemapStyle';

maplibregl.setWorkerUrl(workerUrl);

const UNITS = 'wb-units';
const EMERGENCIES = 'wb-emergencies';

function unitFeatures(state: OverviewState): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: [...state.units.values()]
      .filter((u) => u.position && u.status !== 'uit_dienst')
      .map((u) => ({
        type: 'Feature',
        id: u.id,
        properties: { callsign: u.callsign, status: u.status },
        geometry: { type: 'Point', coordinates: [u.position?.lng ?? 0, u.position?.lat ?? 0] },
      })),
  };
}

function emergencyFeatures(state: OverviewState): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: [...state.emergencies.values()]
      .filter((e) => e.position)
      .map((e) => ({
        type: 'Feature',
        id: e.id,
        properties: { callsign: e.callsign },
        geometry: { type: 'Point', coordinates: [e.position?.lng ?? 0, e.position?.lat ?? 0] },
      })),
  };
}

/**
 * The wall's map, night basemap: units (not off duty) as dots coloured by status and open emergencies as large red
 * rings, from the overview's state and the live positions (GeoJSON sources, no DOM markers). Nothing to click.
 */
export function WallboardMap({
  config,
  state,
  version,
  socket,
}: {
  config: ClientConfig;
  state: OverviewState;
  version: number;
  socket: Socket<WallboardServerToClient> | null;
}) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => {
    if (!container.current) return;
    const map = new maplibregl.Map({
      container: container.current,
      style: basemapStyle(config, 'night'),
      center: config.mapCenter,
      zoom: config.mapZoom,
      interactive: false,
      attributionControl: false,
    });
    fallBackWhenBasemapFails(map, config, 'night');
    map.on('load', () => {
      map.addSource(UNITS, { type: 'geojson', data: unitFeatures(stateRef.current) });
      map.addSource(EMERGENCIES, { type: 'geojson', data: emergencyFeatures(stateRef.current) });
      map.addLayer({
        id: UNITS,
        type: 'circle',
        source: UNITS,
        paint: {
          'circle-radius': 7,
          'circle-stroke-width': 2,
          'circle-stroke-color': '#000000',
          'circle-color': [
            'match',
            ['get', 'status'],
            'beschikbaar',
            '#3fb950',
            'onderweg',
            '#58a6ff',
            'ter_plaatse',
            '#d29922',
            'noodgeval',
            '#f85149',
            '#8b949e',
          ],
        },
      });
      map.addLayer({
        id: EMERGENCIES,
        type: 'circle',
        source: EMERGENCIES,
        paint: { 'circle-radius': 22, 'circle-color': 'rgba(248, 81, 73, 0.25)', 'circle-stroke-width': 4, 'circle-stroke-color': '#f85149' },
      });
    });
    mapRef.current = map;
    (window as unknown as { __wallboardMap?: maplibregl.Map }).__wallboardMap = map;
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, [config]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the feed's change counter (its state changes in place)
  useEffect(() => {
    const map = mapRef.current;
    (map?.getSource(UNITS) as maplibregl.GeoJSONSource | undefined)?.setData(unitFeatures(state));
    (map?.getSource(EMERGENCIES) as maplibregl.GeoJSONSource | undefined)?.setData(emergencyFeatures(state));
  }, [state, version]);

  // Live positions move the dots between events (volatile: a missed one is replaced by the next).
  useEffect(() => {
    if (!socket) return;
    const onFixes: WallboardServerToClient['units:positions'] = (fixes) => {
      for (const fix of fixes) {
        const unit = stateRef.current.units.get(fix.unitId);
        if (unit) stateRef.current.units.set(fix.unitId, { ...unit, position: { lat: fix.lat, lng: fix.lng } });
      }
      (mapRef.current?.getSource(UNITS) as maplibregl.GeoJSONSource | undefined)?.setData(unitFeatures(stateRef.current));
    };
    socket.on('units:positions', onFixes);
    return () => {
      socket.off('units:positions', onFixes);
    };
  }, [socket]);

  return <div ref={container} className="wb-map" data-testid="wallboard-map" aria-hidden="true" />;
}
