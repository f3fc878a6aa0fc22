import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { PhotoInfo } from '../../../server/protocol/photos';
import { call } from '../../shared/api/call';
import { useCan } from '../../shared/auth/useCan';
import { formatDateTime, useI18n } from '../i18n';

/** Under the report's detail key: any hub event about the report reloads the list with it. */
const photosKey = (reportId: string) => ['report', reportId, 'photos'] as const;

/** The photos the field sent with the report, as small thumbnails; a click shows one large. */
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
  return (
    <section className="detail-section" aria-label={t('detail.photos')} data-testid="report-photos">
      <h3>{t('detail.photos')}</h3>
      <ul className="photo-list">
        {photos.map((photo) => (
          <PhotoThumb key={photo.id} photo={photo} />
        ))}
      </ul>
    </section>
  );
}

function PhotoThumb({ photo }: { photo: PhotoInfo }) {
  const { t, locale } = useI18n();
  const [large, setLarge] = useState(false);
  const url = usePhotoUrl(photo.id);
  const time = formatDateTime(photo.createdAt, locale);
  return (
    <li className={large ? 'photo-item photo-large' : 'photo-item'} data-testid="report-photo" data-photo-id={photo.id}>
      {url.ok === false ? (
        <span className="form-error small">{t('detail.photoError')}</span>
      ) : (
        <button type="button" className="photo-button" onClick={() => setLarge((v) => !v)} aria-pressed={large}>
          {url.src && <img src={url.src} alt={t('detail.photoAlt', { time })} width={photo.width} height={photo.height} />}
        </button>
      )}
      <span className="muted small">
        {time}
        {photo.findingSeq !== null && ` · ${t('detail.photoFinding')}`}
      </span>
    </li>
  );
}

/** The photo's bytes through the typed client, as a blob: URL that lives as long as the thumbnail. */
function usePhotoUrl(photoId: string): { ok: boolean; src: string | null } {
  const [state, setState] = useState<{ ok: boolean; src: string | null }>({ ok: true, src: null });
  useEffect(() => {
    const abort = new AbortController();
    let src: string | null = null;
    call('photos.get', { id: photoId }, undefined, { signal: abort.signal })
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
  }, [photoId]);
  return state;
}
