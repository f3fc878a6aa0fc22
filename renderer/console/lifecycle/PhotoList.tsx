import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { isFixPhotoCandidate } from '../../../server/domain/photo-source';
import { type PhotoInfo, PhotoSource, type PhotosResponse } from '../../../server/protocol/photos';
import { call } from '../../shared/api/call';
import { errorMessage } from '../../shared/api/refusal';
import { useCan } from '../../shared/auth/useCan';
import { formatDateTime, useI18n } from '../i18n';
import { PhotoApproval } from './PhotoApproval';

/** Under the report's detail key: any hub event about the report reloads the list with it. */
const photosKey = (reportId: string) => ['report', reportId, 'photos'] as const;

/**
 * The report's photos by who took them (the field, the reporter, an external party), as small thumbnails marked
 * before/after; a click shows one large. The desk (photos.approve) approves a photo of the fix for the citizen (a field
 * unit's after photo or an external party's answer photo, domain/photo-source.ts) with a crop and a blur
 * (PhotoApproval), or withdraws that. Other consoles hear of it by the hub's `report.photo` event.
 */
export function PhotoList({ reportId }: { reportId: string }) {
  const { t } = useI18n();
  const canSee = useCan('photos.read');
  const query = useQuery({
    queryKey: photosKey(reportId),
    queryFn: ({ signal }) => call('photos.list', { id: reportId }, undefined, { signal }),
    enabled: canSee,
    staleTime: Infinity,
  });
  const photos = query.data?.photos ?? [];
  if (photos.length === 0) return null;
  const groups = PhotoSource.options.map((source) => ({ source, photos: photos.filter((p) => p.source === source) })).filter((g) => g.photos.length > 0);
  return (
    <section className="detail-section" aria-label={t('photo.heading')} data-testid="report-photos">
      {groups.map((group) => (
        <div key={group.source} className="photo-group" data-testid="photo-group" data-source={group.source}>
          <h3>{t(`photo.source.${group.source}`)}</h3>
          <ul className="photo-list">
            {group.photos.map((photo) => (
              <PhotoThumb key={photo.id} photo={photo} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function PhotoThumb({ photo }: { photo: PhotoInfo }) {
  const { t, text, locale } = useI18n();
  const client = useQueryClient();
  const canApprove = useCan('photos.approve');
  const [large, setLarge] = useState(false);
  const [approving, setApproving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const url = usePhotoUrl(photo.id, 'photos.get');
  const time = formatDateTime(photo.createdAt, locale);

  /** The hub's answer replaces the photo in the list (approving one withdraws any other of the report: reload). */
  const settled = (info: PhotoInfo) => {
    client.setQueryData<PhotosResponse>(photosKey(info.reportId), (old) => old && { photos: old.photos.map((p) => (p.id === info.id ? info : p)) });
    void client.invalidateQueries({ queryKey: photosKey(info.reportId) });
  };
  async function withdraw() {
    setFailure(null);
    try {
      settled(await call('photos.unapprove', { id: photo.id }));
    } catch (e) {
      setFailure(t('photo.withdrawFailed', { message: errorMessage(e, text) }));
    }
  }

  return (
    <li
      className={large ? 'photo-item photo-large' : 'photo-item'}
      data-testid="report-photo"
      data-photo-id={photo.id}
      data-kind={photo.kind ?? ''}
      data-source={photo.source}
      data-approved={photo.approval ? 'true' : 'false'}
    >
      {url.ok === false ? (
        <span className="form-error small">{t('detail.photoError')}</span>
      ) : (
        <button type="button" className="photo-button" onClick={() => setLarge((v) => !v)} aria-pressed={large}>
          {url.src && <img src={url.src} alt={t('detail.photoAlt', { time })} width={photo.width} height={photo.height} />}
        </button>
      )}
      <span className="muted small">
        {photo.kind && <span className={`photo-kind photo-kind-${photo.kind}`}>{t(`photo.kind.${photo.kind}`)}</span>} {time}
        {photo.findingSeq !== null && ` · ${t('detail.photoFinding')}`}
      </span>
      {photo.approval && (
        <span className="photo-approved small" data-testid="photo-approved">
          {t(photo.approval.send ? 'photo.approvedSend' : 'photo.approved')}
        </span>
      )}
      {photo.approval && large && <ApprovedVariant photo={photo} />}
      {canApprove && isFixPhotoCandidate(photo) && url.src && (
        <span className="photo-actions">
          <button type="button" className="link-button" onClick={() => setApproving(true)} data-testid="photo-approve">
            {t(photo.approval ? 'photo.reapprove' : 'photo.approve')}
          </button>
          {photo.approval && (
            <button type="button" className="link-button" onClick={() => void withdraw()} data-testid="photo-withdraw">
              {t('photo.withdraw')}
            </button>
          )}
        </span>
      )}
      {failure && (
        <span className="form-error small" role="alert">
          {failure}
        </span>
      )}
      {approving && url.src && (
        <PhotoApproval
          photo={photo}
          src={url.src}
          onClose={() => setApproving(false)}
          onApproved={(info) => {
            setApproving(false);
            settled(info);
          }}
        />
      )}
    </li>
  );
}

/** The approved variant as the citizen sees it (blurred, cropped). */
function ApprovedVariant({ photo }: { photo: PhotoInfo }) {
  const { t } = useI18n();
  const url = usePhotoUrl(photo.id, 'photos.approved', photo.approval?.approvedAt);
  if (!url.src || !photo.approval) return null;
  return (
    <img
      className="photo-approved-variant"
      src={url.src}
      alt={t('photo.approval.publicAlt')}
      width={photo.approval.width}
      height={photo.approval.height}
      data-testid="photo-approved-variant"
    />
  );
}

/** The photo's bytes through the typed client, as a blob: URL that lives as long as the thumbnail. */
function usePhotoUrl(photoId: string, route: 'photos.get' | 'photos.approved', version?: string): { ok: boolean; src: string | null } {
  const [state, setState] = useState<{ ok: boolean; src: string | null }>({ ok: true, src: null });
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new approval (version) is a new variant to load, on purpose
  useEffect(() => {
    const abort = new AbortController();
    let src: string | null = null;
    call(route, { id: photoId }, undefined, { signal: abort.signal })
      .then((bytes) => {
        const blob = bytes instanceof Blob ? bytes : new Blob([new Uint8Array(bytes)]);
        src = URL.createObjectURL(blob);
        setState({ ok: true, src });
      })
      .catch(() => {
        if (!abort.signal.aborted) setState({ ok: false, src: null });
      });
    return () => {
      abort.abort();
      if (src) URL.revokeObjectURL(src);
    };
  }, [photoId, route, version]);
  return state;
}
