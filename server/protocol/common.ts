import { z } from 'zod';

export const IsoDateTime = z.iso.datetime({ offset: true });

export const LatLng = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});
export type LatLng = z.infer<typeof LatLng>;

/** The error shape of every failed ack and every 4xx/5xx body of the console API. */
export const ApiError = z.object({
  code: z.string(),
  message: z.string(),
  /** Field path (dot-joined) -> human-readable message, for forms. */
  fields: z.record(z.string(), z.string()).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '_';
    if (!(key in fields)) fields[key] = issue.message;
  }
  return fields;
}
