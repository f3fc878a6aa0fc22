import { z } from 'zod';
import { IsoDateTime } from './common';
import { FieldReport } from './dispatch';
import { ReportStatus } from './report';

/** A note on an address or area ("hond aanwezig"): shown on every report inside its circle until it expires. */
export const AddressNote = z.object({
  id: z.string(),
  lat: z.number(),
  lng: z.number(),
  radiusMeters: z.number().int(),
  /** The address or place the note is about, as the desk wrote it. */
  label: z.string().nullable(),
  text: z.string(),
  expiresAt: IsoDateTime,
  createdAt: IsoDateTime,
  createdByName: z.string().nullable(),
});
export type AddressNote = z.infer<typeof AddressNote>;

export const NewAddressNote = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  radiusMeters: z.number().int().min(10, 'Minstens 10 m').max(250, 'Hoogstens 250 m').optional(),
  label: z.string().trim().max(200).optional(),
  text: z.string().trim().min(1, 'Schrijf de notitie').max(500, 'Hoogstens 500 tekens'),
  /** Required: a note without an end date would outlive what it says. Bounded by the hub (at most a year). */
  expiresAt: z.iso.datetime({ offset: true, message: 'Kies tot wanneer de notitie geldt' }),
});
export type NewAddressNote = z.infer<typeof NewAddressNote>;

export const NearbyContextReport = z.object({
  id: z.string(),
  number: z.string(),
  category: z.string(),
  status: ReportStatus,
  address: z.string().nullable(),
  createdAt: IsoDateTime,
  distanceMeters: z.number(),
});
export type NearbyContextReport = z.infer<typeof NearbyContextReport>;

/** Counts over the reports of the same reporter (same e-mail address or phone number); no contact data. */
export const ReporterHistory = z.object({
  /** Reports by this reporter, this one included. */
  reports: z.number().int(),
  open: z.number().int(),
  /** Answers to the satisfaction question on those reports. */
  satisfied: z.number().int(),
  unsatisfied: z.number().int(),
});
export type ReporterHistory = z.infer<typeof ReporterHistory>;

export const ReportContext = z.object({
  radiusMeters: z.number(),
  periodDays: z.number(),
  nearby: z.array(NearbyContextReport),
  /** Null for roles that may not see reporter data (only `contacts.read` roles get it), or with no contact known. */
  reporterHistory: ReporterHistory.nullable(),
  notes: z.array(AddressNote),
});
export type ReportContext = z.infer<typeof ReportContext>;

export const AddressNotesResponse = z.object({ notes: z.array(AddressNote) });

/** One stop on a field unit's worklist: the report, and the walk to it from the previous stop. */
export const WorklistItem = z.object({
  report: FieldReport,
  legMeters: z.number(),
});
export type WorklistItem = z.infer<typeof WorklistItem>;

export const Worklist = z.object({
  items: z.array(WorklistItem),
  /** 'position': ordered from the unit's last fix; 'none': no fix known, ordered from the first report. */
  from: z.enum(['position', 'none']),
  generatedAt: IsoDateTime,
});
export type Worklist = z.infer<typeof Worklist>;

export const WorklistTake = z.object({ commandId: z.string().min(1).max(100), reportId: z.string().min(1).max(200) });
