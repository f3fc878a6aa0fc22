import { useEffect, useState } from 'react';
import type { SignalImportResult, SignalMapping } from '../../../server/protocol/intake';
import { intakeApi } from '../api/intake';
import { errorText } from './signalsImportText';

/** The hub's preview of an import (first rows as stored, rejected rows), asked again whenever the file or the mapping changes. */
export function useSignalsPreview(csv: string | null, mapping: SignalMapping | null) {
  const [preview, setPreview] = useState<SignalImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
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
        if ((e as Error).name !== 'AbortError') setError(errorText(e));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [csv, mappingKey]);
  return { preview, error, loading };
}
