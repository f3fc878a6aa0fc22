/** What is drawn over the live layers: focus areas and the polygon being drawn, signals, hotspot cells. */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { type RefObject, useEffect } from 'react';
import type { FocusArea } from '../../../server/protocol/dispatch';
import type { Hotspot, Signal } from '../../../server/protocol/intake';
import { HOTSPOT_LAYERS, HOTSPOTS_SOURCE, setHotspots } from './hotspotLayers';
import { diffSignals, SIGNAL_LAYER, setLayerVisible, signalAddressText, signalsSource } from './signalLayers';
import { AREAS_SOURCE, setAreas, setDraft } from './taskingLayers';
import { useFeatureFlag } from './useFeatureFlag';
import { useShownOnMap } from './useShownOnMap';

type MapRef = RefObject<MapLibreMap | null>;
type Corner = [number, number];
const NONE: readonly never[] = [];

/** Today's focus areas (a few changes a day: replaced), the highlighted one, and the drawing in progress. */
export function useAreaLayers(
  mapRef: MapRef,
  ready: boolean,
  areas: readonly FocusArea[] | undefined,
  highlightAreaId: string | null,
  draft: readonly Corner[] | undefined,
  drawing: boolean,
): void {
  useEffect(() => {
    const map = mapRef.current;
    if (ready && map) setAreas(map, areas ?? NONE);
  }, [mapRef, ready, areas]);
  useFeatureFlag(mapRef, ready, AREAS_SOURCE, highlightAreaId, 'highlight');
  useEffect(() => {
    const map = mapRef.current;
    if (ready && map) setDraft(map, draft ?? NONE);
  }, [mapRef, ready, draft]);
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    // A double click finishes the polygon instead of zooming.
    if (drawing) map.doubleClickZoom.disable();
    else map.doubleClickZoom.enable();
    map.getCanvas().style.cursor = drawing ? 'crosshair' : '';
  }, [mapRef, ready, drawing]);
}

/** Signals as diffs (adds, removes, and a webhook signal's address when it arrives), shown or hidden. */
export function useSignalLayer(mapRef: MapRef, ready: boolean, signals: readonly Signal[] | undefined, show: boolean): void {
  const shownOn = useShownOnMap(() => new Map<string, string>());
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !signals) return;
    const source = signalsSource(map);
    if (!source) return;
    const shown = shownOn(map);
    const diff = diffSignals(shown.value, signals);
    if (!diff) return;
    shown.value = new Map(signals.map((s) => [s.id, signalAddressText(s)]));
    source.updateData(diff).catch((err: unknown) => console.warn('updateData (signals) failed', err));
  }, [mapRef, ready, signals, shownOn]);
  useEffect(() => {
    const map = mapRef.current;
    if (ready && map) setLayerVisible(map, [SIGNAL_LAYER], show);
  }, [mapRef, ready, show]);
}

/** Hotspot cells (an aggregate: replaced), shown or hidden, with the highlighted cell. */
export function useHotspotLayer(
  mapRef: MapRef,
  ready: boolean,
  hotspots: readonly Hotspot[] | undefined,
  show: boolean,
  highlightCell: string | null,
): void {
  useEffect(() => {
    const map = mapRef.current;
    if (ready && map && hotspots) setHotspots(map, hotspots);
  }, [mapRef, ready, hotspots]);
  useEffect(() => {
    const map = mapRef.current;
    if (ready && map) setLayerVisible(map, HOTSPOT_LAYERS, show);
  }, [mapRef, ready, show]);
  useFeatureFlag(mapRef, ready, HOTSPOTS_SOURCE, highlightCell, 'highlight');
}
