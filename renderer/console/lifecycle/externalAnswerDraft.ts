import { useEffect } from 'react';
import type { ResolutionDraft } from '../../shared/resolution/draft';

/**
 * "Gebruiken in bericht": an external party's answer taken into the open report's resolution draft as its action
 * text, so the dispatcher reads and edits it in the close/schedule form before anything reaches the citizen
 * (never sent by itself). A tiny in-page channel keyed by report id: the referral panel offers, the report's
 * actions (which own the draft) take. Pure module state, no I/O.
 */
type Listener = (text: string) => void;
const listeners = new Map<string, Set<Listener>>();

/** Offers the text to the draft of this report; false when no report actions are listening (nothing open). */
export function offerAnswerToDraft(reportId: string, text: string): boolean {
  const set = listeners.get(reportId);
  if (!set || set.size === 0) return false;
  for (const listener of set) listener(text);
  return true;
}

/** The report actions' side: an offered answer becomes the draft's action text. */
export function useExternalAnswerDraft(reportId: string, setDraft: (update: (draft: ResolutionDraft) => ResolutionDraft) => void): void {
  useEffect(() => {
    const listener: Listener = (text) => setDraft((d) => ({ ...d, actionText: text }));
    let set = listeners.get(reportId);
    if (!set) {
      set = new Set();
      listeners.set(reportId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) listeners.delete(reportId);
    };
  }, [reportId, setDraft]);
}
