/**
 * Resident-survey results from a CSV file: pick the file, map its columns (text, coordinates, date,
 * place, id), check the hub's preview (first rows as they will be stored, every rejected row with its
 * errors), import with a progress bar, and see what was imported and what was skipped.
 */
import { useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useEffect, useId, useRef, useState } from 'react';
import { MAX_CSV_CHARS, type SignalImportResult } from '../../../server/protocol/intake';
import { type ImportProgress, intakeApi, intakeKeys } from '../api/intake';
import { useI18n } from '../i18n';
import { Field } from '../ui/Field';
import { guessMapping, type MappingKey, readHeader, toSignalMapping } from './csvHeader';
import { SignalsMapping } from './SignalsMapping';
import { SignalsPreview } from './SignalsPreview';
import { errorText, uploadPercent } from './signalsImportText';
import { useSignalsPreview } from './useSignalsPreview';

interface LoadedFile {
  name: string;
  csv: string;
  columns: string[];
  delimiter: ',' | ';';
  /** U+FFFD in the text: probably not UTF-8 (e.g. an old Excel export). */
  badEncoding: boolean;
}

type Phase = 'idle' | 'importing' | 'done';

/**
 * The hub's body limit for an import (server/http/routes-intake.ts, 12 MiB) applies to the JSON body, in
 * which quotes and line breaks are escaped: a file under 10 MB can still exceed it. Checked here so the
 * user hears why instead of "Request body is too large".
 */
const MAX_BODY_BYTES = 12 * 1024 * 1024 - 4096;

const EMPTY_MAPPING: Record<MappingKey, string> = { text: '', lat: '', lng: '', occurredAt: '', place: '', externalId: '' };

interface SignalsImportDialogProps {
  onClose: () => void;
  /** After an import: show the signals layer on the map. */
  onShowOnMap: () => void;
}

export function SignalsImportDialog({ onClose, onShowOnMap }: SignalsImportDialogProps) {
  const { t, text } = useI18n();
  const queryClient = useQueryClient();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Record<MappingKey, string>>(EMPTY_MAPPING);
  const [survey, setSurvey] = useState('');
  const [phase, setPhase] = useState<Phase>('idle');
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [result, setResult] = useState<SignalImportResult | null>(null);
  const [importError, setImportError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    fileRef.current?.focus();
    return () => dialog?.close();
  }, []);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const picked = event.target.files?.[0];
    setFile(null);
    setResult(null);
    setPhase('idle');
    setProgress(null);
    setImportError(null);
    setFileError(null);
    if (!picked) return;
    if (picked.size > MAX_CSV_CHARS) {
      setFileError(t('signals.tooLarge'));
      return;
    }
    let csv: string;
    try {
      csv = await picked.text();
    } catch (e) {
      setFileError(t('signals.unreadable', { message: (e as Error).message }));
      return;
    }
    if (new Blob([JSON.stringify(csv)]).size > MAX_BODY_BYTES) {
      setFileError(t('signals.tooLarge'));
      return;
    }
    const { delimiter, columns } = readHeader(csv);
    if (columns.length === 0) {
      setFileError(t('signals.noHeader'));
      return;
    }
    setFile({ name: picked.name, csv, columns, delimiter, badEncoding: csv.includes('\uFFFD') });
    setMapping(guessMapping(columns));
    setSurvey((s) => s || picked.name.replace(/\.csv$/i, ''));
  };

  const signalMapping = toSignalMapping(mapping);
  const { preview, error: previewError, loading: previewing } = useSignalsPreview(file?.csv ?? null, signalMapping);

  const startImport = async () => {
    if (!file || !signalMapping || phase === 'importing') return;
    setPhase('importing');
    setImportError(null);
    setProgress({ phase: 'upload', loaded: 0, total: file.csv.length });
    try {
      const answer = await intakeApi.importSignals(
        { csv: file.csv, mapping: signalMapping, ...(survey.trim() ? { survey: survey.trim() } : {}) },
        setProgress,
      );
      setResult(answer);
      setPhase('done');
      // The hub's signals.changed event does the same; this does not wait for it.
      void queryClient.invalidateQueries({ queryKey: intakeKeys.signalsAll });
      void queryClient.invalidateQueries({ queryKey: intakeKeys.hotspotsAll });
    } catch (e) {
      setImportError(t('signals.failed', { message: errorText(e, text) }));
      setPhase('idle');
      setProgress(null);
    }
  };

  const shown = result ?? preview;
  const busy = phase === 'importing';
  const canImport = !!preview && preview.valid > 0 && !previewing && phase === 'idle';

  return (
    <dialog
      ref={dialogRef}
      className="modal signals-dialog"
      aria-labelledby={titleId}
      data-testid="signals-import-dialog"
      data-phase={phase}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
      // The console's own keys (↑/↓, Esc for the side panel) stay out of the dialog.
      onKeyDown={(e) => e.stopPropagation()}
      onClick={(e) => {
        if (e.target === dialogRef.current && !busy) onClose();
      }}
    >
      <div className="modal-head">
        <h2 id={titleId}>{t('signals.title')}</h2>
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose} disabled={busy} data-testid="signals-import-close">
          {t('signals.close')} <kbd>Esc</kbd>
        </button>
      </div>
      <div className="modal-body">
        <p className="muted small">{t('signals.intro')}</p>
        <Field label={t('signals.file')} error={fileError ?? undefined} name="csv">
          {(id) => (
            <input
              ref={fileRef}
              id={id}
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => void onFile(e)}
              disabled={busy}
              data-testid="signals-file"
            />
          )}
        </Field>
        {file && (
          <p className="small" data-testid="signals-file-info">
            {t('signals.fileInfo', {
              name: file.name,
              n: file.columns.length,
              delimiter: file.delimiter === ';' ? t('signals.semicolon') : t('signals.comma'),
            })}
          </p>
        )}
        {file?.badEncoding && (
          <p className="form-error" role="alert" data-testid="signals-encoding">
            {t('signals.encoding')}
          </p>
        )}

        {file && (
          <SignalsMapping columns={file.columns} mapping={mapping} setMapping={setMapping} survey={survey} setSurvey={setSurvey} busy={busy} />
        )}

        {file && !signalMapping && <p className="muted small">{t('signals.mapRequired')}</p>}
        {previewing && (
          <p className="loading" role="status">
            <span className="spinner" aria-hidden="true" /> {t('signals.previewing')}
          </p>
        )}
        {previewError && (
          <p className="form-error" role="alert" data-testid="signals-preview-error">
            {previewError}
          </p>
        )}

        {shown && <SignalsPreview shown={shown} result={result} />}

        {progress && (
          <div className="signals-progress-wrap">
            <progress
              className="signals-progress"
              max={100}
              // No value while the hub works: an indeterminate bar.
              value={phase === 'done' ? 100 : progress.phase === 'upload' ? uploadPercent(progress) : undefined}
              aria-label={t('signals.progress')}
              data-testid="signals-progress"
              data-phase={phase === 'done' ? 'done' : progress.phase}
            />
            <span className="small muted">
              {phase === 'done'
                ? t('signals.progressDone')
                : progress.phase === 'upload'
                  ? t('signals.uploading', { pct: uploadPercent(progress) })
                  : t('signals.processing')}
            </span>
          </div>
        )}
        {importError && (
          <p className="form-error" role="alert" data-testid="signals-import-error">
            {importError}
          </p>
        )}
        {result && (
          <p
            className="notice signals-result"
            role="status"
            data-testid="signals-import-result"
            data-imported={result.imported}
            data-rejected={result.rejectedCount}
          >
            {t('signals.result', { imported: result.imported, rejected: result.rejectedCount })}
          </p>
        )}
      </div>
      <div className="modal-foot">
        {result ? (
          <>
            <button
              type="button"
              className="btn"
              onClick={() => {
                onShowOnMap();
                onClose();
              }}
              data-testid="signals-show-on-map"
            >
              {t('signals.showOnMap')}
            </button>
            <button type="button" className="btn btn-primary" onClick={onClose} data-testid="signals-import-done">
              {t('signals.done')}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="btn btn-primary"
            disabled={!canImport}
            onClick={() => void startImport()}
            data-testid="signals-import-submit"
          >
            {busy && <span className="spinner" aria-hidden="true" />}
            {busy ? t('signals.importing') : t('signals.import', { n: preview?.valid ?? 0 })}
          </button>
        )}
      </div>
    </dialog>
  );
}
