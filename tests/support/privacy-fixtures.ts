import type { Report } from '../../server/protocol/report';
import { sampleReport, type TestHub } from './hub';

/** A citizen as the privacy tests use them: every kind of contact detail, and a comment with a phone number in it. */
export const CITIZEN = {
  name: 'Jan Jansen',
  email: 'jan.jansen@example.nl',
  phone: '06 1234 5678',
  comment: 'Nog steeds niet opgelost, bel me 0687654321',
} as const;

export const CLOSE_NO_ACTION = {
  kind: 'close',
  outcome: 'no_action',
  found: { code: 'zoals_gemeld', text: 'Tak aangetroffen, hangt hoog genoeg' },
  action: { code: 'geen_actie', text: 'Geen actie nodig, situatie is veilig' },
} as const;

export interface CitizenReport {
  report: Report;
  token: string;
  code: string;
}

/** A report taken by phone with the citizen's consent: it has a reporter and a queued receipt with the status link and code. */
export async function reportWithCitizen(t: TestHub, deskToken: string, overrides: Parameters<typeof sampleReport>[0] = {}): Promise<CitizenReport> {
  const res = await t.api<Report>('POST', '/api/reports', deskToken, {
    ...sampleReport(overrides),
    reporter: { name: CITIZEN.name, email: CITIZEN.email, phone: CITIZEN.phone },
    consent: { contact: true },
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  const row = await t.hub.store.db
    .selectFrom('reports')
    .select(['citizen_token', 'citizen_code'])
    .where('id', '=', res.body.id)
    .executeTakeFirstOrThrow();
  return { report: res.body, token: row.citizen_token ?? '', code: row.citizen_code ?? '' };
}

/** The desk closes the report, then the citizen answers "nee" on the status page with a comment. */
export async function citizenSaysNotSolved(t: TestHub, deskToken: string, fixture: CitizenReport, comment: string = CITIZEN.comment): Promise<void> {
  const closed = await t.api('POST', `/api/reports/${fixture.report.id}/transition`, deskToken, { to: 'closed', resolution: CLOSE_NO_ACTION });
  if (closed.status !== 200) throw new Error(`close failed: ${closed.status} ${JSON.stringify(closed.body)}`);
  const answer = await fetch(`${t.hub.url}/status/${fixture.token}/antwoord`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ tevreden: 'nee', toelichting: comment }).toString(),
    redirect: 'manual',
  });
  if (answer.status !== 303) throw new Error(`citizen answer failed: ${answer.status}`);
}
