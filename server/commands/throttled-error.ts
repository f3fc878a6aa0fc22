import type { DomainText } from '../domain/domain-text';
import type { ApiError } from '../protocol/common';
import { CommandError } from './errors';

/**
 * Too many misses (domain/throttle.ts): HTTP 429 with code `rate_limited`; the caller sets Retry-After.
 * A refusal like any other CommandError (kind `forbidden` for socket acks), with its own status and code.
 */
export class ThrottledError extends CommandError {
  constructor(text: DomainText) {
    super('forbidden', text);
  }

  override toApiError(): ApiError {
    return { ...super.toApiError(), code: 'rate_limited' };
  }

  override get httpStatus(): number {
    return 429;
  }
}
