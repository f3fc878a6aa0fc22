import { type FormEvent, type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import { codesFor } from '../../server/domain/resolution-codes';
import { Outcome } from '../../server/protocol/report';
import { DRAFT_ERROR_FIELDS, DRAFT_ERROR_KEYS, type DraftField, draftFieldError, type ResolutionDraft } from '../shared/resolution/draft';
import { type FieldMessageKey, useFieldI18n } from './messages';
import { checkPhoto, MAX_FINDING_PHOTOS, PHOTO_TYPES, type PhotoKind, type PickedPhoto } from './photos';

/** Error keys this form shows next to a field; any other key is listed above the submit button. */
const PLACED: ReadonlySet<string> = new Set([...DRAFT_ERROR_FIELDS, 'photo']);

function FieldError({ name, error }: { name: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <span className="f-field-error" data-testid={`field-error-${name}`} role="alert">
      {error}
    </span>
  );
}

function Row({ label, name, error, children }: { label: string; name: string; error?: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className={`f-field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
      <FieldError name={name} error={error} />
    </div>
  );
}

/**
 * "Bevinding melden": found / action / follow-up proposal plus optional photos marked "voor" (the situation found) or
 * "na" (the fix; the desk may approve it for the reporter). Values live in the parent, so they survive errors and closing.
 */
export function FindingForm({
  category,
  draft,
  onDraftChange,
  photos,
  onPhotosChange,
  errors,
  refusedMessage,
  state,
  minDate,
  onSubmit,
  onClose,
}: {
  category: string;
  draft: ResolutionDraft;
  onDraftChange: (update: (draft: ResolutionDraft) => ResolutionDraft) => void;
  photos: PickedPhoto[];
  onPhotosChange: (photos: PickedPhoto[], problem: FieldMessageKey | null) => void;
  errors: Record<string, string>;
  refusedMessage: string | null;
  state: 'idle' | 'sending' | 'waiting';
  minDate: string;
  onSubmit: () => void | Promise<void>;
  onClose: () => void;
}) {
  const { t, shared, locale } = useFieldI18n();
  const formId = useId();
  const codes = useMemo(() => codesFor(category), [category]);
  const [photoKey, setPhotoKey] = useState(0);
  const previewUrls = useMemo(() => photos.map((p) => URL.createObjectURL(p.file)), [photos]);
  useEffect(
    () => () => {
      for (const url of previewUrls) URL.revokeObjectURL(url);
    },
    [previewUrls],
  );

  // Errors stay in step with the fields: an error goes as soon as its field is changed (the next send checks
  // again); a new set of errors (from the hub or the offline check) shows in full.
  const [edited, setEdited] = useState<ReadonlySet<string>>(() => new Set());
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new set of errors is the trigger, on purpose
  useEffect(() => setEdited(new Set()), [errors]);
  const markEdited = (key: string) => setEdited((e) => (e.has(key) ? e : new Set(e).add(key)));
  const set = (key: DraftField) => (value: string) => {
    markEdited(key);
    onDraftChange((d) => ({ ...d, [key]: value }));
  };
  const err = (field: DraftField) => (edited.has(field) ? undefined : draftFieldError(errors, field));
  const photoError = edited.has('photo') ? undefined : errors.photo;
  const unplaced = Object.entries(errors).filter(([key]) => !PLACED.has(key));
  const placedShown = (Object.keys(DRAFT_ERROR_KEYS) as DraftField[]).some((field) => err(field)) || Boolean(photoError);
  const hasErrors = unplaced.length > 0 || placedShown;

  /** Adds the picked files with their mark; the first that is no photo, or one too many, is named and nothing added. */
  async function pickPhotos(files: File[], kind: PhotoKind) {
    markEdited('photo');
    setPhotoKey((k) => k + 1);
    if (files.length === 0) return;
    if (photos.length + files.length > MAX_FINDING_PHOTOS) return onPhotosChange(photos, 'finding.photoMax');
    for (const file of files) {
      const problem = await checkPhoto(file);
      if (problem) return onPhotosChange(photos, problem);
    }
    onPhotosChange([...photos, ...files.map((file) => ({ id: crypto.randomUUID(), file, kind }))], null);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (state !== 'idle') return;
    void onSubmit();
  }

  const invalid = (field: DraftField) => (err(field) ? true : undefined);

  // New errors (from the hub or the offline check): take the user to the first field that needs work.
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    first?.scrollIntoView({ block: 'center' });
    first?.focus({ preventScroll: true });
  }, [errors]);

  return (
    <form ref={formRef} className="f-finding" onSubmit={submit} data-testid="field-finding-form" noValidate>
      <h3 className="f-subhead">{t('finding.title')}</h3>

      <fieldset className={`f-field${err('kind') ? ' has-error' : ''}`}>
        <legend>{t('finding.kind')}</legend>
        <div className="f-segmented">
          {(['close', 'schedule'] as const).map((kind) => (
            <label key={kind} className={draft.kind === kind ? 'is-selected' : undefined}>
              <input
                type="radio"
                name="kind"
                value={kind}
                checked={draft.kind === kind}
                onChange={() => set('kind')(kind)}
                aria-invalid={invalid('kind')}
                data-testid={`field-finding-kind-${kind}`}
              />
              {t(`finding.kind.${kind}`)}
            </label>
          ))}
        </div>
        <FieldError name="resolution.kind" error={err('kind')} />
      </fieldset>

      {draft.kind === 'close' && (
        <Row label={t('finding.outcome')} name="resolution.outcome" error={err('outcome')}>
          {(id) => (
            <select
              id={id}
              value={draft.outcome}
              onChange={(e) => set('outcome')(e.target.value)}
              aria-invalid={invalid('outcome')}
              data-testid="field-finding-outcome"
            >
              <option value="">{t('finding.chooseOutcome')}</option>
              {Outcome.options.map((o) => (
                <option key={o} value={o}>
                  {shared(`outcome.${o}`)}
                </option>
              ))}
            </select>
          )}
        </Row>
      )}
      {draft.kind === 'close' && draft.outcome === 'referred' && (
        <Row label={t('finding.referredTo')} name="resolution.referredTo" error={err('referredTo')}>
          {(id) => (
            <input
              id={id}
              value={draft.referredTo}
              onChange={(e) => set('referredTo')(e.target.value)}
              aria-invalid={invalid('referredTo')}
              data-testid="field-finding-referred-to"
            />
          )}
        </Row>
      )}

      {(['found', 'action'] as const).map((part) => (
        <fieldset key={part} className="f-group">
          <legend>{t(`finding.${part}`)}</legend>
          <Row label={t('finding.code')} name={`resolution.${part}.code`} error={err(`${part}Code`)}>
            {(id) => (
              <select
                id={id}
                value={part === 'found' ? draft.foundCode : draft.actionCode}
                onChange={(e) => set(part === 'found' ? 'foundCode' : 'actionCode')(e.target.value)}
                aria-invalid={invalid(`${part}Code`)}
                data-testid={`field-finding-${part}-code`}
              >
                <option value="">{t('finding.chooseCode')}</option>
                {codes[part].map((c) => (
                  <option key={c.code} value={c.code}>
                    {c[locale]}
                  </option>
                ))}
              </select>
            )}
          </Row>
          <Row label={t('finding.text')} name={`resolution.${part}.text`} error={err(`${part}Text`)}>
            {(id) => (
              <textarea
                id={id}
                rows={3}
                value={part === 'found' ? draft.foundText : draft.actionText}
                onChange={(e) => set(part === 'found' ? 'foundText' : 'actionText')(e.target.value)}
                aria-invalid={invalid(`${part}Text`)}
                data-testid={`field-finding-${part}-text`}
              />
            )}
          </Row>
        </fieldset>
      ))}

      <fieldset className="f-group">
        <legend>{draft.kind === 'schedule' ? t('finding.followUp') : t('finding.followUpOptional')}</legend>
        <Row label={t('finding.followUpDate')} name="resolution.followUp.date" error={err('followUpDate')}>
          {(id) => (
            <input
              id={id}
              type="date"
              min={minDate}
              value={draft.followUpDate}
              onChange={(e) => set('followUpDate')(e.target.value)}
              aria-invalid={invalid('followUpDate')}
              data-testid="field-finding-followup-date"
            />
          )}
        </Row>
        <Row label={t('finding.followUpWhat')} name="resolution.followUp.what" error={err('followUpWhat')}>
          {(id) => (
            <input
              id={id}
              value={draft.followUpWhat}
              onChange={(e) => set('followUpWhat')(e.target.value)}
              aria-invalid={invalid('followUpWhat')}
              data-testid="field-finding-followup-what"
            />
          )}
        </Row>
        <Row label={t('finding.followUpWho')} name="resolution.followUp.who" error={err('followUpWho')}>
          {(id) => (
            <input
              id={id}
              value={draft.followUpWho}
              onChange={(e) => set('followUpWho')(e.target.value)}
              aria-invalid={invalid('followUpWho')}
              data-testid="field-finding-followup-who"
            />
          )}
        </Row>
      </fieldset>

      <div className={`f-field${photoError ? ' has-error' : ''}`}>
        {(['before', 'after'] as const).map((kind) => (
          <div key={kind} className="f-photo">
            <label htmlFor={`${formId}-photo-${kind}`}>{t(kind === 'before' ? 'finding.photoBefore' : 'finding.photoAfter')}</label>
            <input
              key={`${kind}-${photoKey}`}
              id={`${formId}-photo-${kind}`}
              type="file"
              multiple
              accept={PHOTO_TYPES.join(',')}
              capture="environment"
              onChange={(e) => void pickPhotos([...(e.target.files ?? [])], kind)}
              aria-invalid={photoError ? true : undefined}
              data-testid={kind === 'after' ? 'field-finding-photo' : 'field-finding-photo-before'}
            />
          </div>
        ))}
        <FieldError name="photo" error={photoError} />
        {photos.length > 0 && (
          <ul className="f-photo-previews" data-testid="field-finding-photos">
            {photos.map((photo, index) => (
              <li key={photo.id} className="f-photo-preview" data-kind={photo.kind} data-testid="field-finding-photo-preview">
                <img src={previewUrls[index]} alt="" />
                <span className="f-muted f-small">{t(`finding.photoKind.${photo.kind}`)}</span>
                <button
                  type="button"
                  className="f-link-btn"
                  onClick={() => {
                    markEdited('photo');
                    onPhotosChange(
                      photos.filter((_, i) => i !== index),
                      null,
                    );
                  }}
                >
                  {t('finding.photoRemove')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>

      {(hasErrors || refusedMessage) && (
        <div className="f-error" role="alert" data-testid="field-finding-error">
          <p>{refusedMessage ?? t('finding.invalid')}</p>
          {unplaced.length > 0 && (
            <ul>
              {unplaced.map(([key, message]) => (
                <li key={key} data-testid={`field-error-${key}`}>
                  {message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {state === 'waiting' && <p className="f-muted">{t('finding.waiting')}</p>}
      <div className="f-form-actions">
        <button type="button" className="f-btn f-btn-secondary" onClick={onClose}>
          {t('finding.cancel')}
        </button>
        <button
          type="submit"
          className="f-btn f-btn-primary"
          disabled={state !== 'idle'}
          data-testid="field-finding-submit"
        >
          {state === 'idle' ? t('finding.submit') : t('finding.sending')}
        </button>
      </div>
    </form>
  );
}
