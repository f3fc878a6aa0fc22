/** Store tables: what the citizen is told and answers: resolutions, the outbox, message templates, satisfaction answers. Merged into DB in schema.ts. */

export interface ResolutionTable {
  id: string;
  report_id: string;
  seq: number;
  state: 'proposed' | 'confirmed';
  body: string;
  created_by: string | null;
  created_at: string;
}

export type OutboxStatus = 'queued' | 'sent' | 'failed';

export interface OutboxTable {
  id: string;
  report_id: string;
  reporter_id: string | null;
  trigger: string;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  lease_owner: string | null;
  lease_until: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface FeedbackTemplateTable {
  id: string;
  category: string;
  trigger: string;
  outcome: string | null;
  locale: string;
  subject: string;
  body: string;
  updated_by: string | null;
  updated_at: string;
}

export interface CitizenResponseTable {
  id: string;
  report_id: string;
  satisfied: number;
  comment: string | null;
  created_at: string;
}
