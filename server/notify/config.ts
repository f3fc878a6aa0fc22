import { z } from 'zod';
import { Boolish } from '../config-values';

export const SmtpConfigSchema = z
  .object({
    host: z.string().min(1),
    /** Defaults to 465 with secure, else 587. */
    port: z.coerce.number().int().min(1).max(65535).optional(),
    secure: Boolish.default(false),
    user: z.string().min(1).optional(),
    pass: z.string().optional(),
    from: z.string().regex(/@[^\s@<>]+>?\s*$/, 'must be an e-mail address, e.g. "Gemeente <meldingen@gemeente.nl>"'),
  })
  .refine((s) => !s.user || s.pass !== undefined, { path: ['pass'], message: 'required when user is set' })
  .transform((s) => ({ ...s, port: s.port ?? (s.secure ? 465 : 587) }));

export const SmsConfigSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  token: z.string().min(1).optional(),
});

export const NotifyConfigSchema = z.object({
  smtp: SmtpConfigSchema.optional(),
  sms: SmsConfigSchema.optional(),
  maxAttempts: z.coerce.number().int().min(1).max(100).default(6),
  pollMs: z.coerce.number().int().min(50).max(3_600_000).default(1000),
});
export type NotifyConfig = z.infer<typeof NotifyConfigSchema>;

/** Environment variable → path in NotifyConfig. */
export const NOTIFY_ENV_KEYS = {
  MELDKAMER_SMTP_HOST: ['smtp', 'host'],
  MELDKAMER_SMTP_PORT: ['smtp', 'port'],
  MELDKAMER_SMTP_SECURE: ['smtp', 'secure'],
  MELDKAMER_SMTP_USER: ['smtp', 'user'],
  MELDKAMER_SMTP_PASS: ['smtp', 'pass'],
  MELDKAMER_SMTP_FROM: ['smtp', 'from'],
  MELDKAMER_SMS_URL: ['sms', 'url'],
  MELDKAMER_SMS_TOKEN: ['sms', 'token'],
  MELDKAMER_OUTBOX_MAX_ATTEMPTS: ['maxAttempts'],
  MELDKAMER_OUTBOX_POLL_MS: ['pollMs'],
} as const satisfies Record<string, readonly string[]>;

type EnvName = keyof typeof NOTIFY_ENV_KEYS;

function envNameFor(path: readonly PropertyKey[]): string {
  const key = path.map(String).join('.');
  const exact = Object.entries(NOTIFY_ENV_KEYS).find(([, p]) => p.join('.') === key)?.[0];
  if (exact) return exact;
  // A whole section is missing its required host/url.
  if (key === 'smtp') return 'MELDKAMER_SMTP_HOST';
  if (key === 'sms') return 'MELDKAMER_SMS_URL';
  return key || 'notify';
}

/**
 * Reads the notify settings from the environment. A section (smtp, sms) exists when any of its variables is set;
 * then its required ones must be set too. Throws an Error naming the offending variable.
 */
export function notifyConfigFromEnv(env: Record<string, string | undefined> = process.env): NotifyConfig {
  const raw: Record<string, unknown> = {};
  for (const [name, path] of Object.entries(NOTIFY_ENV_KEYS) as [EnvName, readonly string[]][]) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    const [head, key] = path as [string, string | undefined];
    if (key === undefined) {
      raw[head] = value;
    } else {
      raw[head] = { ...(raw[head] as Record<string, unknown> | undefined), [key]: value };
    }
  }
  const parsed = NotifyConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${envNameFor(i.path)}: ${i.message}`);
    throw new Error(`Invalid notify configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
