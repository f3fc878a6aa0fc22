import type { ClientConfig } from '../../../server/protocol/api';
import type { FocusArea } from '../../../server/protocol/dispatch';
import type { Hotspot, Signal } from '../../../server/protocol/intake';
import type { QueueRow } from '../../../server/protocol/report-queue';
import type { EmergencyTrail } from './emergencyTrailLayers';

/** Fly to a report (`id`), a unit (`unitId`), a spot (`at`) or an area (`bounds`: [[w, s], [e, n]]). */
export interface MapFocusRequest {
  id?: string;
  unitId?: string;
  at?: { lat: number; lng: number };
  bounds?: [[number, number], [number, number]];
  /** Bumped for every request, so centring the same report twice flies twice. */
  n: number;
}

/** Drawing a polygon: every click adds a corner; a double click finishes (Enter/Esc are the caller's). */
export interface MapDrawing {
  onPoint: (point: [number, number]) => void;
  onFinish: () => void;
}

export interface MapViewProps {
  config: ClientConfig;
  reports: readonly QueueRow[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  focus: MapFocusRequest | null;
  /** While set, a click on the map picks a location instead of selecting a report. */
  onPick: ((location: { lat: number; lng: number }) => void) | null;
  pickLocation: { lat: number; lng: number } | null;
  /** Live units in their own layer (read from the units cache here, so a fix re-renders only the map). */
  showUnits?: boolean;
  selectedUnitId?: string | null;
  onSelectUnit?: (id: string) => void;
  /** Units with an open emergency alert: a red ring. */
  emergencyUnitIds?: readonly string[];
  /** The last fixes of the units in 'noodgeval', drawn as a short trail. */
  emergencyTrails?: readonly EmergencyTrail[];
  /** Today's focus areas. */
  areas?: readonly FocusArea[];
  highlightAreaId?: string | null;
  /** The polygon being drawn or waiting to be saved ([lng, lat] corners). */
  draft?: readonly [number, number][];
  /** While set, clicks add corners to the draft. */
  drawing?: MapDrawing | null;
  /** Survey and social-media signals (their own layer, shown when `showSignals`). */
  signals?: readonly Signal[];
  showSignals?: boolean;
  /** Hotspot cells (their own layer, shown when `showHotspots`); a click on one calls `onSelectHotspot`. */
  hotspots?: readonly Hotspot[];
  showHotspots?: boolean;
  highlightCell?: string | null;
  onSelectHotspot?: (cell: string) => void;
}
