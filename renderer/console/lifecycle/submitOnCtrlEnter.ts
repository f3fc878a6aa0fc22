import type { KeyboardEvent } from 'react';

/**
 * A desk form's keyboard send, as in the closing form: Ctrl+Enter (Cmd+Enter on a Mac) anywhere in the form submits
 * it through its own submit handler (so the form's checks still run); a plain Enter in a text area stays a new line.
 */
export function submitOnCtrlEnter(event: KeyboardEvent<HTMLFormElement>): void {
  if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
  event.preventDefault();
  event.currentTarget.requestSubmit();
}
