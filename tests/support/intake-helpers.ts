/**
 * Helpers for the intake e2e tests: signing in to the console, the desk's lifecycle steps over HTTP,
 * reading a map source through the `window.__meldkamer` test hook, and a survey CSV.
 */
import type { Page } from '@playwright/test';
import type { Report } from '../../server/protocol/report';
import { loginConsole as signIn } from './console-page';
import type { TestHub } from './hub';

/** Signs in and waits until the map's test hook is there too. */
export async function loginConsole(page: Page, url: string, username: string): Promise<void> {
  await signIn(page, url, username);
  await page.waitForFunction(() => Boolean((window as unknown as { __meldkamer?: unknown }).__meldkamer), null, {
    timeout: 15_000,
  });
}

/** POST /api/reports/:id/transition, failing the test with the hub's answer when refused. */
export async function transition(t: TestHub, token: string, reportId: string, body: Record<string, unknown>): Promise<Report> {
  const res = await t.api<Report>('POST', `/api/reports/${reportId}/transition`, token, body);
  if (res.status !== 200) throw new Error(`transition to ${String(body.to)}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Feature ids (or `id` properties) of a map source, read through the console's test hook. */
export async function sourceFeatureIds(page: Page, source: 'reports' | 'units' | 'areas' | 'signals' | 'hotspots'): Promise<string[]> {
  return page.evaluate(async (key) => {
    type Hook = {
      map: { getSource(id: string): { getData(): Promise<GeoJSON.FeatureCollection> } | undefined };
      sources: Record<string, string>;
    };
    const hook = (window as unknown as { __meldkamer?: Hook }).__meldkamer;
    const id = hook?.sources[key];
    if (!hook || !id) return [];
    const data = await hook.map.getSource(id)?.getData();
    return (data?.features ?? []).map((f) => String(f.id ?? f.properties?.id ?? f.properties?.cell ?? ''));
  }, source);
}

/** DD-MM-JJJJ, `daysAgo` days before now (Dutch local date, as survey exports write it). */
export function dutchDate(daysAgo: number): string {
  const parts = new Intl.DateTimeFormat('nl-NL', {
    timeZone: 'Europe/Amsterdam',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).formatToParts(new Date(Date.now() - daysAgo * 86_400_000));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}-${get('month')}-${get('year')}`;
}

/** A resident survey as exported by a survey tool: `;`-separated, decimal commas, one row without text. */
export function surveyCsv(): string {
  return [
    'Nr;Opmerking;Breedte;Lengte;Datum;Wijk',
    `1;"Veel afval; vooral na het weekend";52,0705;4,3010;${dutchDate(2)} 21:30;Schilderswijk`,
    `2;Hangjongeren bij het speelveld;52.0706;4.3012;${dutchDate(3)};Schilderswijk`,
    `3;;52.0643;4.2955;${dutchDate(3)};Transvaal`,
    '',
  ].join('\n');
}
