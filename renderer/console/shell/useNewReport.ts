import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Report } from '../../../server/protocol/report';
import { type LatLngText, parseLatLngText } from '../../shared/geo/coordinates';
import type { Selection } from './useSelection';

const NO_LOCATION: LatLngText = { lat: '', lng: '' };
/** Typed coordinates: the map follows once typing pauses this long. */
const FOLLOW_TYPING_MS = 600;
/** How long "Melding … aangemaakt" stays. */
const NOTICE_MS = 5000;

/** The new-report form beside the map: open or not, its location (clicked on the map or typed), the notice after creating. */
export function useNewReport(selection: Selection) {
  const { focusMap, showCreated, openReport } = selection;
  const [formOpen, setFormOpen] = useState(false);
  const [location, setLocation] = useState<LatLngText>(NO_LOCATION);
  const [notice, setNotice] = useState<{ number: string } | null>(null);
  const pickLocation = useMemo(() => parseLatLngText(location), [location]);

  /** Coordinates typed into the form (not clicked): the map follows them once typing pauses. */
  const typed = useRef(false);
  const onPick = useCallback((at: { lat: number; lng: number }) => {
    typed.current = false;
    setLocation({ lat: String(at.lat), lng: String(at.lng) });
  }, []);
  const onTypeLocation = useCallback((next: LatLngText) => {
    typed.current = true;
    setLocation(next);
  }, []);
  /** A point from the address search: set, and the map flies there at once. */
  const onPlace = useCallback(
    (at: { lat: number; lng: number }) => {
      typed.current = false;
      setLocation({ lat: String(at.lat), lng: String(at.lng) });
      focusMap({ at });
    },
    [focusMap],
  );
  useEffect(() => {
    if (!typed.current || !pickLocation) return;
    const timer = setTimeout(() => focusMap({ at: pickLocation }), FOLLOW_TYPING_MS);
    return () => clearTimeout(timer);
  }, [pickLocation, focusMap]);

  const onCreated = useCallback(
    (report: Report) => {
      setFormOpen(false);
      setLocation(NO_LOCATION);
      setNotice({ number: report.number });
      showCreated(report.id);
    },
    [showCreated],
  );
  const onLinked = useCallback((report: Report) => openReport(report.id), [openReport]);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  return {
    formOpen,
    toggleForm: () => setFormOpen((open) => !open),
    closeForm: () => setFormOpen(false),
    location,
    onTypeLocation,
    onPlace,
    /** Set while the form is open: a click on the map picks the location. */
    onPick: formOpen ? onPick : null,
    pickLocation,
    onCreated,
    onLinked,
    notice,
  };
}
