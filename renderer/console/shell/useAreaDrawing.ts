import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { dropRepeatedCorners } from '../../shared/geo/ring';
import type { DrawControl } from '../dispatch/NewAreaForm';
import { useT } from '../i18n';
import type { MapDrawing } from '../map/MapView';

type Corner = [number, number];
const NO_POINTS: readonly Corner[] = [];

/**
 * A focus area being drawn on the map, shared by the tasking panel and the hotspot list: clicks add
 * corners, a double click or Enter finishes, Esc cancels. `panelOpen`: one of the panels that draw is
 * open; closing it ends a drawing in progress, and the map shows the drawing only while it is open.
 */
export function useAreaDrawing(panelOpen: boolean) {
  const t = useT();
  const tRef = useRef(t);
  tRef.current = t;
  const [points, setPoints] = useState<readonly Corner[]>(NO_POINTS);
  const [active, setActive] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const finish = useCallback(() => {
    setPoints((current) => {
      const corners = dropRepeatedCorners(current);
      if (corners.length < 3) {
        setError(tRef.current('tasking.drawTooFew'));
        return corners;
      }
      setError(null);
      setActive(false);
      return corners;
    });
  }, []);

  const reset = useCallback((next: readonly Corner[], drawing: boolean) => {
    setPoints(next);
    setError(null);
    setActive(drawing);
  }, []);

  const draw: DrawControl = useMemo(
    () => ({ points, active, error, start: () => reset(NO_POINTS, true), cancel: () => reset(NO_POINTS, false) }),
    [points, active, error, reset],
  );
  /** A finished polygon to save as it is or redraw (a hotspot's boundary). */
  const prefill = useCallback((corners: readonly Corner[]) => reset(corners, false), [reset]);

  const mapDrawing: MapDrawing | null = useMemo(
    () => (active ? { onPoint: (p: Corner) => setPoints((current) => [...current, p]), onFinish: finish } : null),
    [active, finish],
  );

  useEffect(() => {
    if (!panelOpen) setActive(false);
  }, [panelOpen]);

  // While drawing, Enter finishes and Esc cancels (before the console's own keys see them).
  const drawRef = useRef(draw);
  drawRef.current = draw;
  useEffect(() => {
    if (!active) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        event.stopPropagation();
        finish();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        drawRef.current.cancel();
      }
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [active, finish]);

  return {
    draw,
    prefill,
    /** What the map shows and does: nothing unless a drawing panel is open. */
    mapDraft: panelOpen ? points : NO_POINTS,
    mapDrawing: panelOpen ? mapDrawing : null,
  };
}

export type AreaDrawing = ReturnType<typeof useAreaDrawing>;
