import { z } from 'zod';
import { AlertAddress } from './address';
import { DomainText, IsoDateTime, queryNumber } from './common';
import { Report, Salutation } from './report';

/**
 * Phone and counter intake (duplicate search, linking a caller, merging duplicates),
 * signals (resident surveys, social media) and hotspots. Shapes of every body and answer.
 */

// ---- duplicate search ----

export const NearbyQuery = z.object({
  category: z.string().min(1, 'Kies een categorie').max(64),
  lat: queryNumber(z.number().min(-90).max(90)),
  lng: queryNumber(z.number().min(-180).max(180)),
});
export type NearbyQuery = z.infer<typeof NearbyQuery>;

export const NearbyReport = z.object({
  report: Report,
  /** Distance from the new location, in metres (one decimal). */
  distanceMeters: z.number().min(0),
});
export type NearbyReport = z.infer<typeof NearbyReport>;

export const NearbyResponse = z.object({
  /** Open reports of the same category within the radius and period, nearest first. */
  reports: z.array(NearbyReport),
  radiusMeters: z.number().positive(),
  periodDays: z.number().positive(),
});
export type NearbyResponse = z.infer<typeof NearbyResponse>;

// ---- linking a caller, merging duplicates ----

/** A caller who reports what is already known becomes an extra reporter of the existing report. */
export const LinkReporterBody = z
  .object({
    name: z.string().trim().max(200).optional(),
    /** How the caller wishes to be addressed in messages ("mevrouw Jansen"); never guessed from a name. */
    salutation: Salutation.optional(),
    email: z.email('Ongeldig e-mailadres').max(320).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{6,20}$/, 'Ongeldig telefoonnummer')
      .optional(),
    /** The caller agreed that their contact details are stored to keep them informed. */
    consent: z.literal(true, 'De melder moet toestemming geven om de contactgegevens te bewaren'),
  })
  .refine((c) => c.email !== undefined || c.phone !== undefined || c.name !== undefined, {
    message: 'Geef minstens een naam, e-mailadres of telefoonnummer',
    path: ['email'],
  });
export type LinkReporterBody = z.infer<typeof LinkReporterBody>;

export const MergeBody = z.object({
  originalId: z.string().min(1, 'Kies de oorspronkelijke melding'),
  /** The duplicate's version the shift lead saw; a stale one is refused with 409. */
  expectedVersion: z.number().int().optional(),
});
export type MergeBody = z.infer<typeof MergeBody>;

export const MergeResponse = z.object({
  duplicate: Report,
  original: Report,
  /** Reporters moved to the original (contacts the original already had stay where they are). */
  movedReporters: z.number().int().min(0),
});
export type MergeResponse = z.infer<typeof MergeResponse>;

// ---- signals ----

export const SignalSource = z.enum(['survey', 'social']);
export type SignalSource = z.infer<typeof SignalSource>;

/** Evidence about a place: no reporter, no feedback duty. */
export const Signal = z.object({
  id: z.string(),
  source: SignalSource,
  /** The platform of a social signal ("x", "facebook", ...), or the survey's name. */
  channel: z.string().nullable(),
  text: z.string(),
  lat: z.number(),
  lng: z.number(),
  place: z.string().nullable(),
  url: z.string().nullable(),
  occurredAt: IsoDateTime,
  importedAt: IsoDateTime,
  batchId: z.string().nullable(),
  externalId: z.string().nullable(),
  /** A webhook signal's nearest address, looked up after it was stored: absent until then, null when none was found. */
  address: AlertAddress.nullable().optional(),
});
export type Signal = z.infer<typeof Signal>;

const Column = z.string().trim().min(1, 'Kies een kolom').max(200);

export const SignalMapping = z.object({
  text: Column,
  lat: Column,
  lng: Column,
  occurredAt: Column.optional(),
  place: Column.optional(),
  /** A column with the survey's own answer id: re-importing the same file then skips rows already there. */
  externalId: Column.optional(),
});
export type SignalMapping = z.infer<typeof SignalMapping>;

export const MAX_CSV_CHARS = 10_000_000;

export const SignalImportBody = z.object({
  csv: z.string().min(1, 'Het bestand is leeg').max(MAX_CSV_CHARS, 'Het bestand is te groot (hoogstens 10 MB)'),
  mapping: SignalMapping,
  /** Name of the survey, shown with each signal. */
  survey: z.string().trim().max(120).optional(),
  dryRun: z.boolean().default(false),
});
export type SignalImportBody = z.input<typeof SignalImportBody>;

export const SignalPreviewRow = z.object({
  row: z.number().int().positive(),
  line: z.number().int().positive(),
  text: z.string(),
  lat: z.number(),
  lng: z.number(),
  occurredAt: IsoDateTime,
  place: z.string().nullable(),
  externalId: z.string().nullable(),
});
export type SignalPreviewRow = z.infer<typeof SignalPreviewRow>;

export const RejectedRow = z.object({
  /** 1-based number of the data row (the header row not counted). */
  row: z.number().int().positive(),
  /** Line in the file where the row ends (a quoted field may span lines). */
  line: z.number().int().positive(),
  /** Field (mapping key, or 'columns') -> Dutch message. */
  errors: z.record(z.string(), z.string()),
  /** `errors` as coded texts (same keys). */
  errorTexts: z.record(z.string(), DomainText).optional(),
});
export type RejectedRow = z.infer<typeof RejectedRow>;

export const SignalImportResult = z.object({
  dryRun: z.boolean(),
  /** Rows stored (0 on a dry run). */
  imported: z.number().int().min(0),
  /** Rows that passed validation. */
  valid: z.number().int().min(0),
  rejectedCount: z.number().int().min(0),
  /** The first 1,000 rejected rows with their errors. */
  rejected: z.array(RejectedRow),
  /** The first 10 valid rows as they will be stored. */
  preview: z.array(SignalPreviewRow),
  columns: z.array(z.string()),
  delimiter: z.enum([',', ';']),
  batchId: z.string().nullable(),
});
export type SignalImportResult = z.infer<typeof SignalImportResult>;

export const SignalWebhookBody = z
  .object({
    text: z.string().trim().min(1, 'Tekst ontbreekt').max(4000),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    place: z.string().trim().min(1).max(200).optional(),
    url: z.url({ protocol: /^https?$/, error: 'Ongeldige URL (alleen http of https)' }).max(2000).optional(),
    time: IsoDateTime,
    /** The platform, e.g. "x", "facebook", "instagram". */
    source: z.string().trim().min(1).max(64),
    /** The platform's id of the post: a repeated delivery is stored once. */
    id: z.string().trim().min(1).max(200).optional(),
  })
  .refine((b) => (b.lat === undefined) === (b.lng === undefined), {
    message: 'Geef lat en lng allebei, of geen van beide',
    path: ['lat'],
  });
export type SignalWebhookBody = z.infer<typeof SignalWebhookBody>;

/** `created: false` when the post's id was delivered before (nothing stored again). */
export const SignalWebhookResponse = z.object({ signal: Signal, created: z.boolean() });
export type SignalWebhookResponse = z.infer<typeof SignalWebhookResponse>;

export const SignalsQuery = z.object({
  days: z.coerce.number().int().min(1).max(366).default(30),
});

export const SignalsResponse = z.object({
  signals: z.array(Signal),
  from: IsoDateTime,
  until: IsoDateTime,
});
export type SignalsResponse = z.infer<typeof SignalsResponse>;

// ---- hotspots ----

export const HotspotsBy = z.enum(['h3', 'neighbourhood']);
export type HotspotsBy = z.infer<typeof HotspotsBy>;

export const HotspotsQuery = z.object({
  days: z.coerce.number().int().min(1).max(366).default(30),
  /** H3 resolution: 7 is about 5 km² per cell, 8 about 0.7 km², 9 about 0.1 km². */
  resolution: z.coerce.number().int().min(5).max(10).default(8),
  limit: z.coerce.number().int().min(1).max(2000).default(200),
  /** Per H3 cell (default) or per configured neighbourhood (wijk); `resolution` is ignored for the latter. */
  by: HotspotsBy.default('h3'),
});

const Ring = z.array(z.tuple([z.number(), z.number()]));

export const Trend = z.enum(['rising', 'falling', 'steady']);
export type Trend = z.infer<typeof Trend>;

export const Hotspot = z.object({
  /** H3 cell index, or a neighbourhood's id (its `code`, else its `name`). */
  cell: z.string(),
  /** Neighbourhoods only: the neighbourhood's name. */
  name: z.string().optional(),
  center: z.object({ lat: z.number(), lng: z.number() }),
  /** Closed GeoJSON ring of [lng, lat]: usable as Polygon coordinates [boundary] and as a focus-area polygon. */
  boundary: Ring,
  /** Neighbourhoods only: every outer ring (a MultiPolygon has several; `boundary` is the largest). */
  boundaries: z.array(Ring).optional(),
  count: z.number().int().min(0),
  reports: z.number().int().min(0),
  signals: z.number().int().min(0),
  previousCount: z.number().int().min(0),
  change: z.number().int(),
  trend: Trend,
});
export type Hotspot = z.infer<typeof Hotspot>;

const HotspotsWindow = z.object({ from: IsoDateTime, until: IsoDateTime, previousFrom: IsoDateTime });
const HotspotsTotals = z.object({ count: z.number().int(), previousCount: z.number().int(), cells: z.number().int() });

export const HotspotsResponse = z.object({
  cells: z.array(Hotspot),
  resolution: z.number().int(),
  days: z.number().int(),
  window: HotspotsWindow,
  totals: HotspotsTotals,
  /** Whether neighbourhood boundaries are configured (so `by=neighbourhood` has something to show). */
  neighbourhoods: z.boolean().optional(),
});
export type HotspotsResponse = z.infer<typeof HotspotsResponse>;

/**
 * `GET /api/hotspots?by=neighbourhood`: `{ configured: false }` when no boundaries are configured.
 * Items outside every neighbourhood are left out of `cells` (and of `totals.count`) but counted in
 * `totals.outside` ("buiten de wijken").
 */
export const NeighbourhoodHotspotsResponse = z.discriminatedUnion('configured', [
  z.object({
    configured: z.literal(true),
    by: z.literal('neighbourhood'),
    cells: z.array(Hotspot),
    days: z.number().int(),
    window: HotspotsWindow,
    totals: HotspotsTotals.extend({
      outside: z.object({ count: z.number().int(), previousCount: z.number().int() }),
    }),
  }),
  z.object({ configured: z.literal(false) }),
]);
export type NeighbourhoodHotspotsResponse = z.infer<typeof NeighbourhoodHotspotsResponse>;

/** `GET /api/hotspots`: per H3 cell, or per neighbourhood with `by=neighbourhood`. */
export const HotspotsAnswer = z.union([HotspotsResponse, NeighbourhoodHotspotsResponse]);
export type HotspotsAnswer = z.infer<typeof HotspotsAnswer>;
