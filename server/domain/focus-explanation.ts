import type { FeedbackLocale } from '../protocol/resolution';
import { type LatLng, type PolygonCoordinates, pointInPolygon } from './geo';

/**
 * A citizen whose report lies in an active focus area (aandachtsgebied) hears why the
 * city enforces extra there: the area's public text, in feedback ({?aandachtsgebied_uitleg})
 * and on the status page.
 */

export interface ExplainableArea {
  polygon: PolygonCoordinates;
  publicText: string | null;
}

/** The public text of the first area (in the given order) that contains the point and has one. */
export function focusAreaTextFor(point: LatLng, areas: readonly ExplainableArea[]): string | undefined {
  for (const area of areas) {
    const text = area.publicText?.trim();
    if (text && pointInPolygon(point, area.polygon)) return text;
  }
  return undefined;
}

export const FOCUS_AREA_LABEL: Record<FeedbackLocale, string> = {
  nl: 'Waarom we hier extra handhaven',
  en: 'Why we are stepping up enforcement here',
};

/** The sentence that fills {?aandachtsgebied_uitleg}. */
export function explainFocusArea(publicText: string, locale: FeedbackLocale): string {
  return `${FOCUS_AREA_LABEL[locale]}: ${publicText}`;
}
