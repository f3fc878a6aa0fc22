import { commandText } from '../domain/command-texts';
import type { DomainText } from '../domain/domain-text';
import type { ApiError } from '../protocol/common';

export type CommandErrorKind = 'bad_request' | 'validation' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict';

/**
 * A refusal the caller can act on: mapped to an HTTP status and to an error ack. Its words are coded
 * texts (domain/command-texts.ts, or a domain rule's own), so a console says them in its language;
 * `message` and `fields` are their Dutch, as API clients have always had them.
 */
export class CommandError extends Error {
  /** Field path (dot-joined) -> Dutch message, for forms. */
  readonly fields: Record<string, string> | undefined;

  constructor(
    readonly code: CommandErrorKind,
    readonly text: DomainText,
    readonly fieldTexts?: Record<string, DomainText>,
  ) {
    super(text.message);
    this.fields = fieldTexts && Object.fromEntries(Object.entries(fieldTexts).map(([key, field]) => [key, field.message]));
  }

  toApiError(): ApiError {
    const error: ApiError = { code: this.code, message: this.message, text: this.text };
    return this.fieldTexts ? { ...error, fields: this.fields, fieldTexts: this.fieldTexts } : error;
  }

  get httpStatus(): number {
    return { bad_request: 400, validation: 422, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409 }[this.code];
  }
}

/** An error body that is no CommandError's (the hub's own failures, refusals before a command runs), coded alike. */
export function apiError(code: string, text: DomainText): ApiError {
  return { code, message: text.message, text };
}

/** Any error as the body its caller gets: a CommandError's own refusal, anything else the hub's internal error. */
export function apiErrorOf(err: unknown): ApiError {
  return err instanceof CommandError ? err.toApiError() : apiError('internal', commandText('command.hub.internal'));
}
