import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Answers in the shapes of PDOK Locatieserver v3_1 (Solr JSON: `response.numFound`, `response.docs`, plus
 * `highlighting` on suggest), as its API documentation shows them (github.com/PDOK/locatieserver/wiki/API-Locatieserver
 * and the OpenAPI description at api.pdok.nl/bzk/locatieserver/search/v3_1): suggest gives id, weergavenaam, type and
 * score (and the fields asked with fl); lookup the full document with straatnaam, huisnummer, huisletter,
 * huisnummertoevoeging, postcode, woonplaatsnaam and centroide_ll as WKT "POINT(lon lat)"; reverse adds afstand (metres).
 * The values are examples written for these tests (an address on the Lange Voorhout), not copied answers.
 */
const LANGE_VOORHOUT_36 = {
  id: 'adr-2f0d4b1c5e7a8b9c0d1e2f3a4b5c6d7e',
  weergavenaam: "Lange Voorhout 36, 2514EE 's-Gravenhage",
  type: 'adres',
  score: 14.2,
  straatnaam: 'Lange Voorhout',
  huisnummer: 36,
  huis_nlt: '36',
  postcode: '2514EE',
  woonplaatsnaam: "'s-Gravenhage",
  gemeentenaam: "'s-Gravenhage",
  provincienaam: 'Zuid-Holland',
  centroide_ll: 'POINT(4.31250 52.07940)',
  centroide_rd: 'POINT(81234.5 455123.4)',
};

export const PDOK_ANSWERS = {
  suggest: {
    response: {
      numFound: 2,
      start: 0,
      maxScore: 14.2,
      numFoundExact: true,
      docs: [
        { id: LANGE_VOORHOUT_36.id, weergavenaam: LANGE_VOORHOUT_36.weergavenaam, type: 'adres', score: 14.2 },
        { id: 'wgd-0a1b2c3d4e5f60718293a4b5c6d7e8f9', weergavenaam: "Lange Voorhout, 's-Gravenhage", type: 'weg', score: 9.1, centroide_ll: 'POINT(4.31201 52.08020)' },
      ],
    },
    highlighting: { [LANGE_VOORHOUT_36.id]: { suggest: ['<b>Lange</b> <b>Voorhout</b> <b>36</b>, 2514EE ...'] } },
  },
  lookup: { response: { numFound: 1, start: 0, maxScore: 1, numFoundExact: true, docs: [LANGE_VOORHOUT_36] } },
  reverse: { response: { numFound: 1, start: 0, maxScore: 1, numFoundExact: true, docs: [{ ...LANGE_VOORHOUT_36, afstand: 41.7 }] } },
  empty: { response: { numFound: 0, start: 0, maxScore: 0, numFoundExact: true, docs: [] } },
};

export type PdokMode = 'ok' | 'error500' | 'hang' | 'garbage' | 'wrongShape';

export interface FakePdok {
  url: string;
  mode: PdokMode;
  /** Paths and queries asked, in order. */
  asked: URL[];
  close(): Promise<void>;
}

/** A local stand-in for PDOK Locatieserver; `mode` switches between recorded answers and failures. */
export async function startFakePdok(): Promise<FakePdok> {
  const fake = { mode: 'ok' as PdokMode, asked: [] as URL[] };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://pdok.test');
    fake.asked.push(url);
    if (fake.mode === 'hang') return; // never answers: the hub's timeout must end the wait
    if (fake.mode === 'error500') return void res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
    if (fake.mode === 'garbage') return void res.writeHead(200, { 'content-type': 'application/json' }).end('<html>maintenance</html>');
    if (fake.mode === 'wrongShape') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"docs": []}');
    const endpoint = url.pathname.split('/').pop();
    const body =
      endpoint === 'suggest' ? PDOK_ANSWERS.suggest
      : endpoint === 'lookup' ? (url.searchParams.get('id') === LANGE_VOORHOUT_36.id ? PDOK_ANSWERS.lookup : PDOK_ANSWERS.empty)
      : endpoint === 'reverse' ? PDOK_ANSWERS.reverse
      : undefined;
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}/bzk/locatieserver/search/v3_1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as FakePdok;
}
