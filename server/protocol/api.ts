import { z } from 'zod';
import { Category, Report } from './report';
import { SafetyClientConfig } from './safety';

export const ReportsQuery = z.object({
  scope: z.enum(['open', 'all']).default('open'),
});

/** A consistent snapshot: `seq` is the last event included in `reports`. */
export const ReportsSnapshot = z.object({
  reports: z.array(Report),
  seq: z.number().int().min(0),
});
export type ReportsSnapshot = z.infer<typeof ReportsSnapshot>;

export const CategoriesResponse = z.object({ categories: z.array(Category) });
export type CategoriesResponse = z.infer<typeof CategoriesResponse>;

/** Public, unauthenticated bootstrap info for the login screen and map. */
export const ClientConfig = z.object({
  version: z.string(),
  /** The oldest desktop app this hub supports (server/version.ts); an older one is told to upgrade at sign-in. */
  oldestDesktopVersion: z.string(),
  /** The basemap: an online style (PDOK), its night style, and the hub's offline basemap style (`/map/style.json`). */
  mapStyleUrl: z.string().nullable(),
  mapNightStyleUrl: z.string().nullable(),
  mapTilesStyleUrl: z.string().nullable(),
  mapCenter: z.tuple([z.number(), z.number()]),
  mapZoom: z.number(),
  defaultLocale: z.enum(['nl', 'en']),
  /** A console left alone this long locks its screen (0: never). */
  consoleIdleLockMinutes: z.number().min(0),
  /** Shift times and the "geen positie" limit (server/hub/safety-config.ts). */
  safety: SafetyClientConfig.optional(),
});
export type ClientConfig = z.infer<typeof ClientConfig>;

export const Health = z.object({
  /** 'unavailable' (HTTP 503) when a check below fails: a load balancer sends no traffic to this node. */
  status: z.enum(['ok', 'unavailable']),
  checks: z.object({ database: z.boolean(), migrations: z.boolean(), outbox: z.boolean() }),
  version: z.string(),
  uptimeSeconds: z.number(),
  database: z.enum(['sqlite', 'postgres']),
  connectedClients: z.number().int(),
  latestSeq: z.number().int().nullable(),
});
export type Health = z.infer<typeof Health>;
