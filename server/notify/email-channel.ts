import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { OutboxRow } from '../store/schema';

export interface SmtpConfig {
  host: string;
  port: number;
  /** true: TLS from the start (usually port 465); false: plain, upgraded with STARTTLS when offered. */
  secure: boolean;
  user?: string | undefined;
  pass?: string | undefined;
  /** Sender, e.g. `Gemeente Den Haag <meldingen@denhaag.nl>`; its domain is used in the Message-ID. */
  from: string;
}

export type EmailMessage = Pick<OutboxRow, 'id' | 'recipient' | 'subject' | 'body_text' | 'body_html'>;

export function senderDomain(from: string): string {
  const match = /@([^\s<>@]+?)>?\s*$/.exec(from.trim());
  return match?.[1]?.toLowerCase() ?? 'meldkamer.invalid';
}

/** Stable per outbox message, so a resend after a crash between SMTP accept and markSent is recognisably the same mail. */
export function outboxMessageId(outboxId: string, domain: string): string {
  return `<outbox-${outboxId}@${domain}>`;
}

export class EmailChannel {
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;
  private readonly domain: string;

  constructor(private readonly config: SmtpConfig) {
    this.domain = senderDomain(config.from);
    this.transport = createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure,
      auth: config.user ? { user: config.user, pass: config.pass ?? '' } : undefined,
      // Well below the worker's lease, so a hanging server cannot keep a message leased past it.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(message: EmailMessage): Promise<{ messageId: string }> {
    const messageId = outboxMessageId(message.id, this.domain);
    let info: SMTPTransport.SentMessageInfo;
    try {
      info = await this.transport.sendMail({
        from: this.config.from,
        to: message.recipient,
        subject: message.subject,
        text: message.body_text,
        ...(message.body_html ? { html: message.body_html } : {}),
        messageId,
        headers: { 'X-Meldkamer-Outbox-Id': message.id },
      });
    } catch (err) {
      throw new Error(`SMTP: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (info.rejected.length > 0) {
      throw new Error(`SMTP-server weigerde ontvanger ${message.recipient}: ${info.response}`);
    }
    return { messageId };
  }

  close(): void {
    this.transport.close();
  }
}
