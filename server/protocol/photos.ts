import { z } from 'zod';
import { IsoDateTime, rawBytes } from './common';

/** What a photo shows, as the field unit marked it on its proposal: the situation before, or the fix after. */
export const PhotoKind = z.enum(['before', 'after']);
export type PhotoKind = z.infer<typeof PhotoKind>;

/** Who took a photo: a field unit (with its finding), the reporter (answer on the status page) or an external party (its answer). */
export const PhotoSource = z.enum(['field', 'reporter', 'external']);
export type PhotoSource = z.infer<typeof PhotoSource>;

/** A photo sent with a finding (`finding:submit`): the id from the upload and what it shows. At most 6 per finding. */
export const FindingPhoto = z.object({ photoId: z.string().min(1).max(100), kind: PhotoKind });
export type FindingPhoto = z.infer<typeof FindingPhoto>;
export const MAX_FINDING_PHOTOS = 6;

/** A rectangle in the photo's own pixels (whole numbers, inside the photo). */
export const PhotoRect = z.object({
  x: z.number().int().min(0),
  y: z.number().int().min(0),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
});
export type PhotoRect = z.infer<typeof PhotoRect>;

/**
 * The dispatcher's approval of an after photo for the citizen (`POST /api/photos/:id/approval`): the crop (none: the
 * whole photo), the rectangles to blur (faces, number plates; at most 20), and `responsible: true`, the dispatcher's
 * statement that no face or number plate can be recognised (the approval step says whose responsibility that is).
 */
export const PhotoApprovalBody = z.object({
  crop: PhotoRect.nullable().optional(),
  blurs: z.array(PhotoRect).max(20).default([]),
  /** "Foto meesturen": the report's closing message links the photo (unless the closing itself says includePhoto: false). */
  send: z.boolean().default(false),
  responsible: z.literal(true, { message: 'Bevestig dat gezichten en kentekens onherkenbaar zijn.' }),
});
export type PhotoApprovalBody = z.infer<typeof PhotoApprovalBody>;

export const PhotoApproval = z.object({
  crop: PhotoRect.nullable(),
  blurs: z.array(PhotoRect),
  /** "Foto meesturen" with the closing message. */
  send: z.boolean(),
  /** The approved variant's size (the crop's, scaled down above 1600 px). */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  size: z.number().int().min(0),
  approvedBy: z.string().nullable(),
  approvedAt: IsoDateTime,
});
export type PhotoApproval = z.infer<typeof PhotoApproval>;

/** A report's photo without its bytes (the bytes: `GET /api/photos/:id`). */
export const PhotoInfo = z.object({
  id: z.string(),
  reportId: z.string(),
  contentType: z.enum(['image/jpeg', 'image/png']),
  size: z.number().int().min(0),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** The seq of the finding (resolution proposal) the field unit sent it with; null until then. */
  findingSeq: z.number().int().nullable(),
  createdAt: IsoDateTime,
  /** Before or after, as the unit marked it; null for a photo without a mark. */
  kind: PhotoKind.nullable(),
  /** Who took it (the console labels it so); the desk may approve a field unit's after photo or an external party's. */
  source: PhotoSource,
  /** Set when the desk approved it for the citizen (status page, closing message); the public variant: `GET /api/photos/:id/approved`. */
  approval: PhotoApproval.nullable(),
});
export type PhotoInfo = z.infer<typeof PhotoInfo>;

export const PhotosResponse = z.object({ photos: z.array(PhotoInfo) });
export type PhotosResponse = z.infer<typeof PhotosResponse>;

/** A photo's bytes (image/jpeg or image/png). */
export const PhotoBytes = rawBytes('a photo');

