import { errorMessage } from '../../shared/api/refusal';
import type { I18n } from '../i18n';
import { HubCommandError } from './commands';

/**
 * A failed command as the user reads it: the hub's refusal in the console's language (its own Dutch message
 * only where it came uncoded); ours for timeout/offline.
 */
export function commandErrorText({ t, text }: Pick<I18n, 't' | 'text'>, error: unknown): string {
  if (error instanceof HubCommandError && error.code === 'timeout') return t('dispatch.timeoutError');
  if (error instanceof HubCommandError && error.code === 'offline') return t('dispatch.offline');
  return errorMessage(error, text);
}
