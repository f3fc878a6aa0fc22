import { z } from 'zod';
import type { Logger } from '../log';
import type { Address, AddressKind, AddressSuggestion } from '../protocol/address';
import type { AddressSource } from './address-source';
import { AddressUnavailable } from './errors';

/**
 * PDOK Locatieserver (v3_1: /suggest, /lookup, /reverse; Solr answers `{ response: { numFound, docs: [...] } }`),
 * the Dutch government's free geocoder on the BAG. Only the hub calls it, with a short timeout; a timeout, an HTTP
 * error or an answer that is not the expected JSON is address.unavailable.
 * Field names per PDOK's API documentation (github.com/PDOK/locatieserver/wiki/API-Locatieserver).
 */
export interface PdokOptions {
  baseUrl: string;
  timeoutMs: number;
  log: Logger;
}

const Doc = z.looseObject({
  id: z.string(),
  weergavenaam: z.string(),
  type: z.string(),
  straatnaam: z.string().optional(),
  huisnummer: z.number().optional(),
  huisletter: z.string().optional(),
  huisnummertoevoeging: z.string().optional(),
  postcode: z.string().optional(),
  woonplaatsnaam: z.string().optional(),
  centroide_ll: z.string().optional(),
  afstand: z.number().optional(),
});
type Doc = z.infer<typeof Doc>;
const SolrAnswer = z.object({ response: z.object({ numFound: z.number(), docs: z.array(Doc) }) });

const FIELDS = 'id,weergavenaam,type,straatnaam,huisnummer,huisletter,huisnummertoevoeging,postcode,woonplaatsnaam,centroide_ll,afstand';
const KINDS: Record<string, AddressKind> = { adres: 'address', weg: 'street', postcode: 'postcode', woonplaats: 'place' };

/** "POINT(4.31250 52.07860)" → { lat, lng }. */
export function wktPoint(text: string | undefined): { lat: number; lng: number } | undefined {
  const match = /^POINT\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)$/.exec(text ?? '');
  return match ? { lng: Number(match[1]), lat: Number(match[2]) } : undefined;
}

function addressOfDoc(doc: Doc): Address | null {
  const point = wktPoint(doc.centroide_ll);
  if (!point) return null;
  return {
    id: doc.id,
    label: doc.weergavenaam,
    kind: KINDS[doc.type] ?? 'place',
    street: doc.straatnaam ?? null,
    houseNumber: doc.huisnummer ?? null,
    houseLetter: doc.huisletter ?? null,
    addition: doc.huisnummertoevoeging ?? null,
    postcode: doc.postcode ?? null,
    place: doc.woonplaatsnaam ?? null,
    ...point,
    approximate: doc.type !== 'adres',
  };
}

export function pdokSource(options: PdokOptions): AddressSource {
  const base = options.baseUrl.replace(/\/+$/, '');
  async function ask(path: string, params: Record<string, string>): Promise<Doc[]> {
    const url = `${base}/${path}?${new URLSearchParams(params)}`;
    let body: unknown;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs), headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`PDOK answered HTTP ${response.status}`);
      body = await response.json();
    } catch (err) {
      const reason = err instanceof Error && err.name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : (err as Error).message;
      options.log.warn({ path, reason }, 'PDOK Locatieserver unavailable');
      throw new AddressUnavailable(reason);
    }
    const parsed = SolrAnswer.safeParse(body);
    if (!parsed.success) {
      options.log.warn({ path }, 'PDOK Locatieserver answered in an unexpected shape');
      throw new AddressUnavailable('unexpected answer');
    }
    return parsed.data.response.docs;
  }
  return {
    name: 'pdok',
    async suggest(query, limit) {
      const docs = await ask('suggest', { q: query, rows: String(limit), fq: 'type:(adres OR weg OR postcode OR woonplaats)', fl: FIELDS });
      return docs.map((doc): AddressSuggestion => ({ id: doc.id, label: doc.weergavenaam, kind: KINDS[doc.type] ?? 'place', ...wktPoint(doc.centroide_ll) }));
    },
    async lookup(id) {
      const [doc] = await ask('lookup', { id, fl: '*' });
      return doc ? addressOfDoc(doc) : null;
    },
    async reverse(point, maxDistanceM) {
      const docs = await ask('reverse', { lat: String(point.lat), lon: String(point.lng), type: 'adres', rows: '1', distance: String(maxDistanceM), fl: FIELDS });
      const doc = docs[0];
      const address = doc ? addressOfDoc(doc) : null;
      if (!doc || !address) return null;
      const distanceM = Math.round(doc.afstand ?? 0);
      return distanceM <= maxDistanceM ? { address, distanceM } : null;
    },
  };
}
