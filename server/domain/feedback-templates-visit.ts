import type { FeedbackTemplate } from '../protocol/resolution';

/**
 * The short "vandaag komen we langs" message on a scheduled report's follow-up date (hub/follow-up-job.ts; only when
 * the setting followUpVisitMessage is on). Short sentences for a B1 reader, the follow-up's own words in
 * {vervolgactie}, and the report stays open; greeting and signature as in feedback-templates.ts. Seeded with the other templates (feedback-templates.ts); a hub whose
 * templates were seeded before gets these added by id when the setting is on (store/follow-ups.ts).
 */
export const visitTemplates: readonly FeedbackTemplate[] = [
  {
    id: 'follow_up_visit.*.-.nl',
    category: '*',
    trigger: 'follow_up_visit',
    locale: 'nl',
    subject: 'Vandaag komen we langs voor uw melding {meldingnummer}',
    body: [
      'Beste {naam},',
      'Vandaag komen we langs voor uw melding {meldingnummer} op {adres}. Dit gaat er gebeuren:\n{vervolgactie}',
      'Uw melding blijft open tot het klaar is. Daarna hoort u van ons hoe het is gegaan.',
      'Volg uw melding op {statuslink}',
      'Met vriendelijke groet,\n{afzender}\n{gemeente}\nTelefoon: {telefoon}\n{website}',
    ].join('\n\n'),
  },
  {
    id: 'follow_up_visit.*.-.en',
    category: '*',
    trigger: 'follow_up_visit',
    locale: 'en',
    subject: 'We are coming by today for your report {meldingnummer}',
    body: [
      'Dear {naam},',
      'Today we are coming by for your report {meldingnummer} at {adres}. This is what will happen:\n{vervolgactie}',
      'Your report stays open until this is done. We will then let you know how it went.',
      'Follow your report at {statuslink}',
      'Kind regards,\n{afzender}\n{gemeente}\nPhone: {telefoon}\n{website}',
    ].join('\n\n'),
  },
];
