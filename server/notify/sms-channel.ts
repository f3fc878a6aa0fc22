import type { OutboxRow } from '../store/schema';

export interface SmsGatewayConfig {
  /** Receives POST application/json `{ to, text, reference }`; any 2xx means accepted. */
  url: string;
  token?: string | undefined;
  timeoutMs?: number;
}

export type SmsMessage = Pick<OutboxRow, 'id' | 'recipient' | 'body_text'>;

export class SmsChannel {
  constructor(private readonly config: SmsGatewayConfig) {}

  async send(message: SmsMessage): Promise<void> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      // Lets a gateway that supports it drop a resend of the same outbox message.
      'idempotency-key': message.id,
    };
    if (this.config.token) headers.authorization = `Bearer ${this.config.token}`;
    let res: Response;
    try {
      res = await fetch(this.config.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ to: message.recipient, text: message.body_text, reference: message.id }),
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 15_000),
      });
    } catch (err) {
      const error = err as Error & { cause?: { message?: string } };
      const reason = error.name === 'TimeoutError' ? 'geen antwoord binnen de time-out' : (error.cause?.message ?? error.message);
      throw new Error(`SMS-gateway niet bereikbaar: ${reason}`);
    }
    if (res.ok) {
      await res.body?.cancel();
      return;
    }
    const detail = (await res.text().catch(() => '')).trim().slice(0, 200);
    throw new Error(`SMS-gateway antwoordde HTTP ${res.status}${detail ? `: ${detail}` : ''}`);
  }
}
