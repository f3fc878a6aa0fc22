import { CommandError } from '../commands/errors';
import { commandText } from '../domain/command-texts';
import type { ApiError } from '../protocol/common';

/**
 * Refusals of the address API with the codes its contract names (`address.unavailable`, `address.not_found`).
 * CommandErrors, so the hub's error handler and socket acks word them like any refusal.
 */
class AddressError extends CommandError {
  constructor(
    private readonly apiCode: string,
    private readonly status: number,
    code: 'address.unavailable' | 'address.not_found',
  ) {
    super(status === 404 ? 'not_found' : 'conflict', commandText(`command.${code}`));
  }

  override get httpStatus(): number {
    return this.status;
  }

  override toApiError(): ApiError {
    return { code: this.apiCode, message: this.message, text: this.text };
  }
}

/**
 * The address source could not answer (PDOK down, a timeout, an answer that is no JSON, no index): HTTP 503, so
 * the console says "Adreszoeker niet bereikbaar" and the intake goes on by map click. `reason` is for the log.
 */
export class AddressUnavailable extends AddressError {
  constructor(readonly reason: string) {
    super('address.unavailable', 503, 'address.unavailable');
  }
}

export class AddressNotFound extends AddressError {
  constructor() {
    super('address.not_found', 404, 'address.not_found');
  }
}
