import { citizenCodeMatches } from '../commands/citizen-access';
import type { HubDeps } from '../commands/context';
import { countMiss, longestRefusal } from '../commands/miss-counters';
import type { DomainText } from '../domain/domain-text';
import { type StatusLookupLimits, throttleText, minutesToWait, windowBlock } from '../domain/throttle';
import { citizenAccessByNumber } from '../store/citizen-codes';

/**
 * The citizen's lookup by report number and short code (`/status?nummer=&code=`), guarded against guessing:
 * misses are counted per report number and per address (domain/throttle.ts); a refused lookup checks
 * nothing. Codes are compared in constant time; a wrong number and a wrong code get the same answer.
 */
export type StatusLookupAnswer =
  | { kind: 'form' }
  | { kind: 'found'; token: string }
  | { kind: 'not_found' }
  | { kind: 'bad_request'; text: DomainText }
  | { kind: 'refused'; text: DomainText; retryAfterSeconds: number };

const NUMBER = /^M-?(\d{1,9})$/i;

function oneValue(value: unknown): string | null | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value.trim() : null;
}

export async function lookUpStatus(deps: HubDeps, limits: StatusLookupLimits, query: unknown, ip: string): Promise<StatusLookupAnswer> {
  const params = (query ?? {}) as Record<string, unknown>;
  const typedNumber = oneValue(params.nummer);
  const typedCode = oneValue(params.code);
  // `?nummer=a&nummer=b` arrives as a list: one of each, please.
  if (typedNumber === null || typedCode === null) return { kind: 'bad_request', text: throttleText('throttle.status.one_value') };
  if (!typedNumber && !typedCode) return { kind: 'form' };
  if (!typedNumber || !typedCode) return { kind: 'not_found' };

  const number = NUMBER.exec(typedNumber)?.[1];
  const ipKey = `status_ip:${ip}`;
  const numberKey = number === undefined ? null : `status_number:${Number(number)}`;
  const refusal = await longestRefusal(deps, numberKey ? [ipKey, numberKey] : [ipKey]);
  if (refusal.ms > 0) {
    const code = refusal.key === ipKey ? 'throttle.status.address_blocked' : 'throttle.status.number_blocked';
    const minutes = minutesToWait(refusal.ms);
    return { kind: 'refused', text: throttleText(code, { minutes }), retryAfterSeconds: Math.ceil(refusal.ms / 1000) };
  }

  const access = number === undefined ? undefined : await citizenAccessByNumber(deps.store.db, Number(number));
  // Compared even when there is no such report, so the time taken does not tell.
  const matches = citizenCodeMatches(typedCode, access?.code ?? null);
  if (matches && access?.token) return { kind: 'found', token: access.token };

  await countMiss(deps, { key: ipKey, scope: 'status_ip', ip }, (c) => windowBlock(c, limits.perAddress));
  if (numberKey) {
    const subject = `M-${String(Number(number)).padStart(6, '0')}`;
    await countMiss(deps, { key: numberKey, scope: 'status_number', subject }, (c) => windowBlock(c, limits.perNumber));
  }
  return { kind: 'not_found' };
}
