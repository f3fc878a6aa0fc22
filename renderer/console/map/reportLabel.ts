/**
 * A report dot's label: its number, category and age ("M-000022 · Boomtak / groen · 12 min"), in one small popup
 * shown while the pointer is on the dot, and for the selected report (chosen with the keyboard in the
 * queue) while the pointer is elsewhere. One popup for the whole map, never a DOM marker per report.
 */
import * as maplibregl from 'maplibre-gl';
import { type RefObject, useEffect, useMemo, useRef } from 'react';
import type { QueueRow } from '../../../server/protocol/report-queue';
import { useCategories } from '../api/queries';
import { type Translate, useI18n } from '../i18n';
import { categoryLabel } from '../ui/categoryName';
import { POINT_LAYER } from './reportLayers';

type MapRef = RefObject<maplibregl.Map | null>;

/** "12 min", "3 u", "2 d": how long ago the report came in. */
export function reportAge(t: Translate, createdAt: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(createdAt)) / 60_000));
  if (minutes < 60) return t('map.age.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('map.age.hours', { n: hours });
  return t('map.age.days', { n: Math.floor(hours / 24) });
}

/** The label's text; `categoryOf` gives the category's name in the console's language (its code as a fallback). */
export function reportLabelText(t: Translate, report: QueueRow, now: number, categoryOf: (code: string) => string = (code) => code): string {
  return t('map.reportLabel', { number: report.number, category: categoryOf(report.category), age: reportAge(t, report.createdAt, now) });
}

export function useReportLabel(mapRef: MapRef, ready: boolean, reports: readonly QueueRow[], selectedId: string | null, t: Translate): void {
  // The category's name as the queue shows it ("Boomtak / groen"), not its code ("groen").
  const { locale } = useI18n();
  const categories = useCategories(true).data?.categories;
  const categoryOf = useMemo(() => {
    const byCode = new Map((categories ?? []).map((c) => [c.code, categoryLabel(c, locale)]));
    return (code: string) => byCode.get(code) ?? code;
  }, [categories, locale]);
  const state = useRef({ reports, selectedId, t, categoryOf, hovered: null as string | null });
  state.current.reports = reports;
  state.current.selectedId = selectedId;
  state.current.t = t;
  state.current.categoryOf = categoryOf;
  const showRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const popup = new maplibregl.Popup({
      closeButton: false,
      closeOnClick: false,
      offset: 12,
      className: 'report-label-popup',
      focusAfterOpen: false,
    });
    const show = () => {
      const s = state.current;
      const id = s.hovered ?? s.selectedId;
      const report = id ? s.reports.find((r) => r.id === id) : undefined;
      if (!report) {
        popup.remove();
        return;
      }
      popup.setLngLat([report.lng, report.lat]).setText(reportLabelText(s.t, report, Date.now(), s.categoryOf));
      if (!popup.isOpen()) popup.addTo(map);
      popup.getElement()?.setAttribute('data-testid', 'report-label');
      popup.getElement()?.setAttribute('data-report-id', report.id);
    };
    showRef.current = show;
    const onMove = (event: maplibregl.MapLayerMouseEvent) => {
      const id = event.features?.[0]?.properties?.id;
      state.current.hovered = typeof id === 'string' ? id : null;
      show();
    };
    const onLeave = () => {
      state.current.hovered = null;
      show();
    };
    map.on('mousemove', POINT_LAYER, onMove);
    map.on('mouseleave', POINT_LAYER, onLeave);
    show();
    return () => {
      map.off('mousemove', POINT_LAYER, onMove);
      map.off('mouseleave', POINT_LAYER, onLeave);
      popup.remove();
      showRef.current = () => undefined;
    };
  }, [mapRef, ready]);

  // A new selection, a language switch or a changed report: the label follows.
  useEffect(() => {
    void reports;
    void selectedId;
    void t;
    void categoryOf;
    showRef.current();
  }, [reports, selectedId, t, categoryOf]);
}
