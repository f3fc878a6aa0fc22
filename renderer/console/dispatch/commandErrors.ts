import type { I18n } from '../i18n';
import { HubCommandError } from './commands';

/**
 * A failed command as the user reads it: the hub's refusal in the console's language when it came coded,
 * else the hub's own (Dutch) message; ours for timeout/offline.
 */
export function commandErrorText({ t, text }: Pick<I18n, 't' | 'text'>, error: unknown): string {
  if (error instanceof HubCommandError) {
    if (error.code === 'timeout') return t('dispatch.timeoutError');
    if (error.code === 'offline') return t('dispatch.offline');
    return error.text ? text(error.text) : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
