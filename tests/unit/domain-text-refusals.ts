/**
 * The refusal texts for tests/unit/domain-text-catalogue.test.ts: the citizen-message rules, input that
 * does not match the protocol's schemas (their own messages included: a schema whose message drifts
 * from the table shows up here), and the hub's refusals.
 */
import { z } from 'zod';
import { COMMAND_TEXTS, type CommandTextCode, commandText } from '../../server/domain/command-texts';
import type { DomainText } from '../../server/domain/domain-text';
import { composeFeedback, validateTemplate } from '../../server/domain/feedback';
import { inputText, issueTexts } from '../../server/domain/input-texts';
import { CreateApiKeyBody } from '../../server/protocol/admin';
import { LinkReporterBody, MAX_CSV_CHARS, MergeBody, SignalImportBody, SignalWebhookBody } from '../../server/protocol/intake';
import { CreateReportInput } from '../../server/protocol/report';
import type { FeedbackTemplate, Resolution } from '../../server/protocol/resolution';

function refusal(result: { ok: true } | { ok: false; text: DomainText }): DomainText[] {
  return result.ok ? [] : [result.text];
}

function feedbackTexts(): DomainText[] {
  const report = { number: 'M-000123', category: 'groen', address: 'Lange Voorhout 34' };
  const links = { status: 'http://hub.example/status/abc' };
  const closing: Resolution = {
    kind: 'close',
    outcome: 'referred',
    found: { code: 'tak_laag', text: 'Tak hangt laag' },
    action: { code: 'tak_verwijderd', text: 'Tak afgezaagd' },
    referredTo: 'Stadsbeheer',
  };
  const template = (body: string): FeedbackTemplate => ({
    id: 'x',
    category: '*',
    trigger: 'closed',
    outcome: 'referred',
    locale: 'nl',
    subject: '{meldingnummer}',
    body,
  });
  const compose = (extra: Partial<Parameters<typeof composeFeedback>[0]>) =>
    refusal(composeFeedback({ trigger: 'closed', locale: 'nl', report, links, resolution: closing, ...extra }));
  const texts = [
    ...compose({ resolution: undefined }),
    ...refusal(composeFeedback({ trigger: 'scheduled', locale: 'nl', report, links, resolution: closing })),
    ...compose({ templates: [] }),
    ...compose({ template: template('{bevinding} {actie} {vervolgdatum} {doorverwezen_naar}') }),
    ...compose({ template: template('{bevinding} {actie} {doorverwezen_naar} {onzin}') }),
    ...compose({ template: template('{vervolgdatum} {onzin}') }),
    ...compose({ edited: { text: 'Afgehandeld.' } }),
    ...refusal(
      composeFeedback({
        trigger: 'scheduled',
        locale: 'nl',
        report,
        links,
        resolution: { kind: 'schedule', found: closing.found, action: closing.action, followUp: { date: '2027-06-14', what: 'Boom snoeien', who: 'Stadsbeheer' } },
        edited: { text: 'Wij komen terug.' },
      }),
    ),
  ];
  const good = { id: 't', category: '*', trigger: 'closed', outcome: 'resolved', locale: 'nl', subject: '{meldingnummer}', body: '{bevinding} {actie} {statuslink} {meldingnummer}' };
  for (const input of [
    { ...good, trigger: 'sent' },
    { ...good, outcome: undefined, subject: ' ', body: '' },
    { ...good, trigger: 'receipt', subject: 'a\nb', body: '{onbekend}' },
    { ...good, subject: '{naam}', body: '{?bevinding} {actie} {statuslink} {meldingnummer}' },
    { ...good, body: '{statuslink} {meldingnummer}' },
  ]) {
    const result = validateTemplate(input);
    if (!result.ok) texts.push(...Object.values(result.fieldTexts));
  }
  return texts;
}

function issues(schema: z.ZodType, input: unknown): DomainText[] {
  const result = schema.safeParse(input);
  return result.success ? [] : Object.values(issueTexts(result.error, input));
}

function inputTexts(): DomainText[] {
  const kinds = z.strictObject({
    count: z.number().min(1).max(9),
    name: z.string().min(2).max(3),
    tags: z.array(z.string()).min(1).max(1),
    at: z.iso.datetime(),
    mode: z.enum(['a', 'b']),
    wanted: z.string(),
  });
  const mapping = { text: '', lat: 'lat', lng: 'lng' };
  return [
    inputText('input.invalid'),
    ...issues(kinds, { count: 0, name: 'x', tags: [], at: 'gisteren', mode: 'c', extra: 1 }),
    ...issues(kinds, { count: 10, name: 'xxxx', tags: ['a', 'b'], at: 1, mode: 'a', wanted: 'ja' }),
    ...issues(CreateReportInput, { category: '', location: { lat: 52, lng: 4 }, description: 'ab', source: 'phone' }),
    ...issues(LinkReporterBody, { email: 'geen-adres', phone: 'x', consent: false }),
    ...issues(LinkReporterBody, { consent: true }),
    ...issues(MergeBody, { originalId: '' }),
    ...issues(SignalImportBody, { csv: '', mapping }),
    ...issues(SignalImportBody, { csv: 'x'.repeat(MAX_CSV_CHARS + 1), mapping }),
    ...issues(SignalWebhookBody, { text: ' ', url: 'ftp://x.example', time: '2026-03-10T10:00:00Z', source: 'x' }),
    ...issues(SignalWebhookBody, { text: 'Afval', lat: 52, time: '2026-03-10T10:00:00Z', source: 'x' }),
    ...issues(CreateApiKeyBody, { clientName: ' ' }),
  ];
}

/**
 * The hub's refusals are thrown by commands and routes (tests/integration/coded-errors.test.ts drives
 * them); here each is made once, its placeholders filled with their own names.
 */
function commandTexts(): DomainText[] {
  return (Object.entries(COMMAND_TEXTS) as [CommandTextCode, string][]).map(([code, template]) =>
    commandText(code, Object.fromEntries([...template.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], `<${m[1]}>`]))),
  );
}

export function refusalTexts(): DomainText[] {
  return [...feedbackTexts(), ...inputTexts(), ...commandTexts()];
}
