/** The map's pointer: select a report or unit, expand a cluster, pick a location, draw, show a signal, hover. */
import * as maplibregl from 'maplibre-gl';
import type { RefObject } from 'react';
import { roundCoordinate } from '../../shared/geo/coordinates';
import { formatDateTime, type Locale } from '../i18n';
import { HOTSPOT_FILL_LAYER } from './hotspotLayers';
import type { MapViewProps } from './mapTypes';
import { CLUSTER_LAYER, POINT_LAYER, REPORTS_SOURCE, reportsSource } from './reportLayers';
import { SIGNAL_LAYER } from './signalLayers';
import { UNIT_POINT_LAYER } from './unitLayers';

const HIT_TOLERANCE_PX = 5;

function hitBox(point: maplibregl.Point): [maplibregl.PointLike, maplibregl.PointLike] {
  return [
    [point.x - HIT_TOLERANCE_PX, point.y - HIT_TOLERANCE_PX],
    [point.x + HIT_TOLERANCE_PX, point.y + HIT_TOLERANCE_PX],
  ];
}

/** Binds the handlers once; they read the latest props and locale through the refs. */
export function bindPointer(map: maplibregl.Map, propsRef: RefObject<MapViewProps>, localeRef: RefObject<Locale>): void {
  // One popup for the signal clicked last (its text); never a marker per signal.
  const popup = new maplibregl.Popup({ closeButton: true, closeOnClick: true, maxWidth: '320px', className: 'signal-popup' });

  map.on('click', (event) => {
    if (!map.getLayer(POINT_LAYER)) return;
    const { onPick, onSelect, drawing, onSelectUnit, showSignals, onSelectHotspot, showHotspots } = propsRef.current;
    if (drawing) {
      drawing.onPoint([roundCoordinate(event.lngLat.lng), roundCoordinate(event.lngLat.lat)]);
      return;
    }
    if (onPick) {
      onPick({ lat: roundCoordinate(event.lngLat.lat), lng: roundCoordinate(event.lngLat.lng) });
      return;
    }
    if (onSelectUnit && map.getLayer(UNIT_POINT_LAYER)) {
      const [unit] = map.queryRenderedFeatures(hitBox(event.point), { layers: [UNIT_POINT_LAYER] });
      const unitId = unit?.properties?.id;
      if (typeof unitId === 'string') {
        onSelectUnit(unitId);
        return;
      }
    }
    const [point] = map.queryRenderedFeatures(hitBox(event.point), { layers: [POINT_LAYER] });
    const id = point?.properties?.id;
    if (typeof id === 'string') {
      onSelect(id);
      return;
    }
    const [cluster] = map.queryRenderedFeatures(hitBox(event.point), { layers: [CLUSTER_LAYER] });
    const clusterId = cluster?.properties?.cluster_id;
    if (typeof clusterId === 'number' && cluster?.geometry.type === 'Point') {
      const center = cluster.geometry.coordinates as [number, number];
      reportsSource(map)
        ?.getClusterExpansionZoom(clusterId)
        .then((zoom) => map.easeTo({ center, zoom: zoom + 0.5 }))
        .catch(() => undefined);
      return;
    }
    if (showSignals && map.getLayer(SIGNAL_LAYER)) {
      const [signal] = map.queryRenderedFeatures(hitBox(event.point), { layers: [SIGNAL_LAYER] });
      if (signal?.geometry.type === 'Point') {
        const p = signal.properties ?? {};
        const when = typeof p.occurredAt === 'string' ? formatDateTime(p.occurredAt, localeRef.current) : '';
        const head = [p.channel, p.place, when].filter((x) => typeof x === 'string' && x !== '').join(' · ');
        popup
          .setLngLat(signal.geometry.coordinates as [number, number])
          .setText([head, typeof p.address === 'string' ? p.address : '', typeof p.text === 'string' ? p.text : ''].filter((line) => line !== '').join('\n'))
          .addTo(map);
        return;
      }
    }
    if (onSelectHotspot && showHotspots && map.getLayer(HOTSPOT_FILL_LAYER)) {
      const [cell] = map.queryRenderedFeatures(event.point, { layers: [HOTSPOT_FILL_LAYER] });
      if (typeof cell?.properties?.cell === 'string') onSelectHotspot(cell.properties.cell);
    }
  });

  map.on('dblclick', (event) => {
    const { drawing } = propsRef.current;
    if (!drawing) return;
    // The two clicks before it already added the corner (twice: the finisher drops the repeat).
    event.preventDefault();
    drawing.onFinish();
  });

  let hovered: string | null = null;
  const setHover = (id: string | null) => {
    if (id === hovered) return;
    if (hovered !== null) map.setFeatureState({ source: REPORTS_SOURCE, id: hovered }, { hover: false });
    hovered = id;
    if (id !== null) map.setFeatureState({ source: REPORTS_SOURCE, id }, { hover: true });
  };
  map.on('mousemove', (event) => {
    if (!map.getLayer(POINT_LAYER)) return;
    const picking = propsRef.current.onPick !== null || Boolean(propsRef.current.drawing);
    const layers = [POINT_LAYER, CLUSTER_LAYER];
    if (map.getLayer(UNIT_POINT_LAYER)) layers.push(UNIT_POINT_LAYER);
    if (propsRef.current.showSignals && map.getLayer(SIGNAL_LAYER)) layers.push(SIGNAL_LAYER);
    const features = map.queryRenderedFeatures(hitBox(event.point), { layers });
    const point = features.find((f) => f.layer.id === POINT_LAYER);
    const id = point?.properties?.id;
    setHover(!picking && typeof id === 'string' ? id : null);
    map.getCanvas().style.cursor = picking ? 'crosshair' : features.length > 0 ? 'pointer' : '';
  });
  map.on('mouseout', () => setHover(null));
}
