import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  envelope: { from: string | undefined; to: string[] };
  raw: string;
  parsed: ParsedMail;
  messageId: string | undefined;
  subject: string | undefined;
  text: string;
  html: string | undefined;
  /** Lower-case header name → value as text. */
  header(name: string): string | undefined;
}

export interface TestSmtp {
  readonly host: string;
  readonly port: number;
  readonly messages: CapturedMail[];
  waitForMessages(n: number, timeoutMs?: number): Promise<CapturedMail[]>;
  /** Stops listening: connections are refused, as with an SMTP server that is down. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  stop(): Promise<void>;
}

function headerText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'text' in value) return String((value as { text: unknown }).text);
  return JSON.stringify(value);
}

/** A real SMTP server on 127.0.0.1 (no TLS, no auth) that keeps every message it accepts. */
export async function startTestSmtp(): Promise<TestSmtp> {
  const host = '127.0.0.1';
  const messages: CapturedMail[] = [];
  const waiters = new Set<() => void>();
  let port = 0;
  let server: SMTPServer | undefined;

  const create = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 500,
      disableReverseLookup: true,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('error', callback);
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw).then(
            (parsed) => {
              // Stored before the 250 reply, so a sender that saw success finds its message here.
              messages.push({
                envelope: {
                  from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
                  to: session.envelope.rcptTo.map((r) => r.address),
                },
                raw: raw.toString('utf8'),
                parsed,
                messageId: parsed.messageId,
                subject: parsed.subject,
                text: parsed.text ?? '',
                html: parsed.html === false ? undefined : parsed.html,
                header: (name) => {
                  const value = parsed.headers.get(name.toLowerCase());
                  return value === undefined ? undefined : headerText(value);
                },
              });
              for (const wake of waiters) wake();
              callback();
            },
            (err: Error) => callback(err),
          );
        });
      },
    });

  const listen = async (): Promise<void> => {
    const s = create();
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, host, () => {
        s.off('error', reject);
        resolve();
      });
    });
    s.on('error', () => undefined);
    port = (s.server.address() as AddressInfo).port;
    server = s;
  };

  const close = async (): Promise<void> => {
    const s = server;
    server = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };

  await listen();

  return {
    host,
    get port() {
      return port;
    },
    messages,
    waitForMessages(n, timeoutMs = 5000) {
      if (messages.length >= n) return Promise.resolve(messages.slice());
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < n) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(messages.slice());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${n} messages within ${timeoutMs} ms, got ${messages.length}`));
        }, timeoutMs);
        waiters.add(check);
      });
    },
    down: close,
    up: () => (server ? Promise.resolve() : listen()),
    stop: close,
  };
}
