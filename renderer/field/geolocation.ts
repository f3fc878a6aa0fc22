/**
 * The device position (AVL) for the field client: `navigator.geolocation.watchPosition` once the user
 * allows it. Fixes are stamped in the hub's time (device clock corrected by the measured skew), so a
 * phone with a wrong clock does not make its unit look stale on the console.
 */
import type { PositionFix } from '../../server/protocol/dispatch';
import type { GeoState } from './fieldClient';

export interface PositionSink {
  setPosition(fix: PositionFix): void;
  setGeoState(state: GeoState): void;
  serverNow(): number;
}

export function toFix(coords: GeolocationCoordinates, timestamp: number, skewMs: number): PositionFix {
  const heading = coords.heading;
  const at = Number.isFinite(timestamp) && timestamp > 0 ? timestamp + skewMs : Date.now() + skewMs;
  return {
    lat: coords.latitude,
    lng: coords.longitude,
    accuracy: Math.min(Math.max(coords.accuracy ?? 0, 0), 100_000),
    heading: heading === null || !Number.isFinite(heading) ? null : ((heading % 360) + 360) % 360,
    at: new Date(at).toISOString(),
  };
}

/** Starts watching; returns the stop function. Does nothing (state 'unavailable') without a geolocation API. */
export function watchDevicePosition(sink: PositionSink): () => void {
  if (typeof navigator === 'undefined' || !navigator.geolocation) {
    sink.setGeoState('unavailable');
    return () => {};
  }
  sink.setGeoState('waiting');
  const id = navigator.geolocation.watchPosition(
    (pos) => sink.setPosition(toFix(pos.coords, pos.timestamp, sink.serverNow() - Date.now())),
    (err) => {
      if (err.code === err.PERMISSION_DENIED) sink.setGeoState('denied');
      else if (err.code === err.POSITION_UNAVAILABLE) sink.setGeoState('unavailable');
      // TIMEOUT: keep waiting; watchPosition goes on trying.
    },
    { enableHighAccuracy: true, maximumAge: 5000, timeout: 30_000 },
  );
  return () => navigator.geolocation.clearWatch(id);
}
