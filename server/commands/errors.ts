import type { ApiError } from '../protocol/common';

/** A refusal the caller can act on: mapped to an HTTP status and to an error ack. */
export class CommandError extends Error {
  constructor(
    readonly code: 'bad_request' | 'validation' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict',
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }

  toApiError(): ApiError {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }

  get httpStatus(): number {
    return { bad_request: 400, validation: 422, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409 }[this.code];
  }
}
