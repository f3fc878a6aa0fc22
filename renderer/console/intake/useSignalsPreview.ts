import { useEffect, useState } from 'react';
import type { SignalImportResult, SignalMapping } from '../../../server/protocol/intake';
import { intakeApi } from '../api/intake';
import { useI18n } from '../i18n';
import { errorText } from './signalsImportText';

/** The hub's preview of an import (first rows as stored, rejected rows), asked again whenever the file or the mapping changes. */
export function useSignalsPreview(csv: string | null, mapping: SignalMapping | null) {
  const [preview, setPreview] = useState<SignalImportResult | null>(null);
  const { text } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const mappingKey = JSON.stringify(mapping);
  useEffect(() => {
    setPreview(null);
    setError(null);
    const chosen = JSON.parse(mappingKey) as SignalMapping | null;
    if (!csv || !chosen) return;
    const controller = new AbortController();
    setLoading(true);
    intakeApi
      .previewSignals({ csv, mapping: chosen }, controller.signal)
      .then((answer) => setPreview(answer))
      .catch((e: unknown) => {
        if ((e as Error).name !== 'AbortError') setError(e);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [csv, mappingKey]);
  // Worded at render time: a refusal follows the console's language.
  return { preview, error: error === null ? null : errorText(error, text), loading };
}
