import { z } from 'zod';
import { IsoDateTime } from './common';
import { ReportStatus } from './report';

/** Finding any report, closed ones too, by number, address or words (GET /api/reports/search). */

export const SEARCH_LIMIT_MAX = 50;

export const SearchQuery = z.object({
  q: z.string().trim().min(2, 'Typ minstens twee tekens').max(100, 'Zoek op hoogstens 100 tekens'),
  limit: z.coerce.number().int().min(1).max(SEARCH_LIMIT_MAX).default(20),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

/** Why a report was found: its number, the start of its address, or the words of its address and description. */
export const SearchMatch = z.enum(['number', 'address', 'words']);
export type SearchMatch = z.infer<typeof SearchMatch>;

export const SearchHit = z.object({
  id: z.string(),
  number: z.string(),
  category: z.string(),
  status: ReportStatus,
  address: z.string().nullable(),
  description: z.string(),
  createdAt: IsoDateTime,
  match: SearchMatch,
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchAnswer = z.object({
  /** Exact number first, then address prefixes, then words; the newest first within one address and among words. */
  hits: z.array(SearchHit),
});
export type SearchAnswer = z.infer<typeof SearchAnswer>;
