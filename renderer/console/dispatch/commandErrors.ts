import type { Translate } from '../i18n';
import { HubCommandError } from './commands';

/** A failed command as the user reads it: the hub's own (Dutch) message, or ours for timeout/offline. */
export function commandErrorText(t: Translate, error: unknown): string {
  if (error instanceof HubCommandError) {
    if (error.code === 'timeout') return t('dispatch.timeoutError');
    if (error.code === 'offline') return t('dispatch.offline');
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
