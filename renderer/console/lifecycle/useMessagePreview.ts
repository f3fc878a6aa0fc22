import { useEffect, useMemo, useRef, useState } from 'react';
import type { FeedbackPreview } from '../../../server/protocol/lifecycle-api';
import type { ReadabilityView } from '../../../server/protocol/readability';
import { ApiRequestError, api } from '../../shared/api/client';
import type { ResolutionTarget } from './resolutionTarget';

/** How long the form waits after the last keystroke before asking the hub for the composed message. */
const PREVIEW_DEBOUNCE_MS = 450;

type PreviewResult = { key: string; preview: FeedbackPreview | null };
/** The plain-language check of one text (the hub scores it: server/domain/readability.ts). */
type ReadabilityCheck = { text: string; view: ReadabilityView | null };

interface PreviewOptions {
  reportId: string;
  target: ResolutionTarget;
  resolution: Record<string, unknown>;
  /** Ask by itself (debounced) only while the draft looks complete and a message goes out at all. */
  auto: boolean;
  /** The hub's answer to a preview the user asked for (`refresh`): refused, or fine after all. */
  onRefused: (error: ApiRequestError) => void;
  onAnswered: () => void;
}

/**
 * The citizen message the hub composes for this resolution, and the text the dispatcher may edit. A new
 * composition replaces the text unless the dispatcher has edited it; an older answer never overwrites a
 * newer one.
 */
export function useMessagePreview({ reportId, target, resolution, auto, onRefused, onAnswered }: PreviewOptions) {
  const key = useMemo(() => JSON.stringify([target, resolution]), [target, resolution]);
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const [loading, setLoading] = useState(false);
  const [text, setText] = useState('');
  const composedRef = useRef('');
  const edited = preview?.preview != null && text !== preview.preview.text;
  const editedRef = useRef(edited);
  editedRef.current = edited;
  const abortRef = useRef<AbortController | null>(null);
  /** The composition's check (it came with the preview) and the last edited text's. */
  const [composedCheck, setComposedCheck] = useState<ReadabilityCheck | null>(null);
  const [check, setCheck] = useState<ReadabilityCheck | null>(null);

  const fetchPreview = async (asked: string, explicit: boolean) => {
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setLoading(true);
    try {
      const res = await api.preview(reportId, { to: target, resolution }, controller.signal);
      if (controller.signal.aborted) return;
      setPreview({ key: asked, preview: res.preview });
      const composed = res.preview?.text ?? '';
      setComposedCheck({ text: composed, view: res.preview?.readability ?? null });
      if (!editedRef.current || composedRef.current === '') setText(composed);
      composedRef.current = composed;
      if (explicit) onAnswered();
    } catch (e) {
      if (controller.signal.aborted || (e as Error).name === 'AbortError') return;
      if (explicit && e instanceof ApiRequestError) onRefused(e);
    } finally {
      if (abortRef.current === controller) {
        abortRef.current = null;
        setLoading(false);
      }
    }
  };
  const fetchRef = useRef(fetchPreview);
  fetchRef.current = fetchPreview;

  useEffect(() => {
    if (!auto) return;
    const timer = setTimeout(() => void fetchRef.current(key, false), PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [auto, key]);
  useEffect(() => () => abortRef.current?.abort(), []);

  // While the dispatcher types in the message, the hub scores the edited text (debounced; the composition stays).
  const checkedText = check?.text;
  const canCheck = preview?.preview != null && preview.key === key;
  useEffect(() => {
    if (!edited || !canCheck || text === checkedText || text === composedCheck?.text || !text.trim()) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .preview(reportId, { to: target, resolution, message: { text } }, controller.signal)
        .then((res) => {
          if (!controller.signal.aborted) setCheck({ text, view: res.preview?.readability ?? null });
        })
        .catch(() => {
          // An edit the hub refuses (a placeholder left) shows its error on sending; the score just waits.
        });
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [edited, canCheck, text, checkedText, composedCheck, reportId, target, resolution]);

  return {
    /** The last composition (null: none asked yet; `.preview` null: no message for this step). */
    preview,
    loading,
    /** The composition matches the draft as it is now. */
    current: preview !== null && preview.key === key,
    text,
    setText,
    edited,
    /** The plain-language check of the text as it is now (null while the hub has not scored this text). */
    readability: composedCheck?.text === text ? composedCheck.view : check?.text === text ? check.view : null,
    resetText: () => setText(preview?.preview?.text ?? ''),
    refresh: () => fetchPreview(key, true),
  };
}

export type MessagePreviewState = ReturnType<typeof useMessagePreview>;
