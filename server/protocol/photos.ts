import { z } from 'zod';
import { IsoDateTime } from './common';

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
});
export type PhotoInfo = z.infer<typeof PhotoInfo>;

export const PhotosResponse = z.object({ photos: z.array(PhotoInfo) });
export type PhotosResponse = z.infer<typeof PhotosResponse>;

/**
 * A photo's bytes (image/jpeg or image/png, not JSON): the hub sends a Buffer, the console's client
 * reads a Blob (renderer/shared/api/client.ts).
 */
export const PhotoBytes = z.custom<Uint8Array | Blob>(
  (value) => value instanceof Uint8Array || (typeof Blob !== 'undefined' && value instanceof Blob),
  'expected the bytes of a photo',
);
