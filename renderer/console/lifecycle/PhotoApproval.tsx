import { type PointerEvent, useEffect, useRef, useState } from 'react';
import type { PhotoInfo, PhotoRect } from '../../../server/protocol/photos';
import { call } from '../../shared/api/call';
import { errorFields, errorMessage } from '../../shared/api/refusal';
import { useI18n } from '../i18n';

type Mode = 'blur' | 'crop';
type Point = { x: number; y: number };

/** A rectangle between two points in the photo's own pixels, whole numbers, inside the photo; null when too small. */
export function rectBetween(a: Point, b: Point, size: { width: number; height: number }): PhotoRect | null {
  const clamp = (v: number, max: number) => Math.max(0, Math.min(max, Math.round(v)));
  const x0 = clamp(Math.min(a.x, b.x), size.width);
  const y0 = clamp(Math.min(a.y, b.y), size.height);
  const x1 = clamp(Math.max(a.x, b.x), size.width);
  const y1 = clamp(Math.max(a.y, b.y), size.height);
  if (x1 - x0 < 2 || y1 - y0 < 2) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

const rectKey = (r: PhotoRect) => `${r.x},${r.y},${r.width},${r.height}`;

/**
 * The approval step of a photo of the fix (issue 15): the dispatcher drags rectangles to blur faces and number plates
 * and, in crop mode, the crop; says that faces and plates are theirs to make unrecognisable; chooses whether the
 * photo goes with the closing message ("foto meesturen"). The hub makes the public variant (server/images/fix-variant.ts);
 * the original is never changed or shown to the citizen.
 */
export function PhotoApproval({ photo, src, onClose, onApproved }: { photo: PhotoInfo; src: string; onClose: () => void; onApproved: (info: PhotoInfo) => void }) {
  const { t, text } = useI18n();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const imageRef = useRef<HTMLImageElement>(null);
  const [mode, setMode] = useState<Mode>('blur');
  const [blurs, setBlurs] = useState<PhotoRect[]>(photo.approval?.blurs ?? []);
  const [crop, setCrop] = useState<PhotoRect | null>(photo.approval?.crop ?? null);
  const [send, setSend] = useState(photo.approval?.send ?? true);
  const [responsible, setResponsible] = useState(false);
  const [drag, setDrag] = useState<{ from: Point; to: Point } | null>(null);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const size = { width: photo.width, height: photo.height };

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  /** Where the pointer is, in the photo's own pixels. */
  const pointOf = (event: PointerEvent): Point => {
    const box = imageRef.current?.getBoundingClientRect();
    if (!box || box.width === 0 || box.height === 0) return { x: 0, y: 0 };
    return { x: ((event.clientX - box.left) / box.width) * photo.width, y: ((event.clientY - box.top) / box.height) * photo.height };
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    const at = pointOf(event);
    setDrag({ from: at, to: at });
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (drag) setDrag({ ...drag, to: pointOf(event) });
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag) return;
    const rect = rectBetween(drag.from, pointOf(event), size);
    setDrag(null);
    if (!rect) return;
    if (mode === 'blur') setBlurs((list) => (list.some((r) => rectKey(r) === rectKey(rect)) ? list : [...list, rect].slice(0, 20)));
    else setCrop(rect);
  };

  async function approve() {
    if (sending || !responsible) return;
    setSending(true);
    setFailure(null);
    try {
      const info = await call('photos.approve', { id: photo.id }, { crop, blurs, send, responsible: true });
      onApproved(info);
    } catch (e) {
      const fields = errorFields(e, text);
      setFailure(t('photo.approval.failed', { message: fields ? Object.values(fields).join(' · ') : errorMessage(e, text) }));
    } finally {
      setSending(false);
    }
  }

  const pct = (rect: PhotoRect) => ({
    left: `${(rect.x / photo.width) * 100}%`,
    top: `${(rect.y / photo.height) * 100}%`,
    width: `${(rect.width / photo.width) * 100}%`,
    height: `${(rect.height / photo.height) * 100}%`,
  });
  const dragRect = drag ? rectBetween(drag.from, drag.to, size) : null;

  return (
    <dialog
      ref={dialogRef}
      className="modal photo-approval"
      aria-label={t('photo.approval.title')}
      data-testid="photo-approval"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="modal-head">
        <h2>{t('photo.approval.title')}</h2>
      </div>
      <div className="modal-body">
        <p className="photo-approval-warning" role="note" data-testid="photo-approval-responsibility">
          {t('photo.approval.responsibility')}
        </p>
        <div className="photo-approval-tools" role="radiogroup" aria-label={t('photo.approval.drawHint')}>
          {(['blur', 'crop'] as const).map((m) => (
            <label key={m} className={mode === m ? 'is-selected' : undefined}>
              <input type="radio" name="photo-mode" value={m} checked={mode === m} onChange={() => setMode(m)} data-testid={`photo-mode-${m}`} />
              {t(m === 'blur' ? 'photo.approval.modeBlur' : 'photo.approval.modeCrop')}
            </label>
          ))}
          <span className="muted small">{t('photo.approval.drawHint')}</span>
        </div>
        <div
          className="photo-approval-canvas"
          data-testid="photo-approval-canvas"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
        >
          <img ref={imageRef} src={src} alt="" width={photo.width} height={photo.height} draggable={false} />
          {crop && <div className="photo-approval-crop" style={pct(crop)} data-testid="photo-approval-crop" />}
          {blurs.map((rect) => (
            <div key={rectKey(rect)} className="photo-approval-blur" style={pct(rect)} data-testid="photo-approval-blur" />
          ))}
          {dragRect && <div className={mode === 'blur' ? 'photo-approval-blur is-drawing' : 'photo-approval-crop is-drawing'} style={pct(dragRect)} />}
        </div>
        <div className="photo-approval-lists">
          <div>
            <strong>{t('photo.approval.blurs')}</strong>
            <ul data-testid="photo-approval-blur-list">
              {blurs.map((rect, i) => (
                <li key={rectKey(rect)}>
                  {t('photo.approval.blurItem', { n: i + 1, width: rect.width, height: rect.height })}{' '}
                  <button type="button" className="link-button" onClick={() => setBlurs((list) => list.filter((_, j) => j !== i))}>
                    {t('photo.approval.remove')}
                  </button>
                </li>
              ))}
            </ul>
          </div>
          <div>
            {crop ? t('photo.approval.crop', { width: crop.width, height: crop.height }) : t('photo.approval.noCrop')}{' '}
            {crop && (
              <button type="button" className="link-button" onClick={() => setCrop(null)}>
                {t('photo.approval.clearCrop')}
              </button>
            )}
          </div>
        </div>
        <label className="photo-approval-check">
          <input type="checkbox" checked={send} onChange={(e) => setSend(e.target.checked)} data-testid="photo-approval-send" />
          {t('photo.approval.send')}
        </label>
        <label className="photo-approval-check">
          <input type="checkbox" checked={responsible} onChange={(e) => setResponsible(e.target.checked)} data-testid="photo-approval-confirm" />
          {t('photo.approval.confirm')}
        </label>
        {failure && (
          <p className="form-error" role="alert" data-testid="photo-approval-error">
            {failure}
          </p>
        )}
      </div>
      <div className="modal-foot">
        <button type="button" onClick={onClose}>
          {t('photo.approval.cancel')}
        </button>
        <button type="button" className="primary" disabled={!responsible || sending} onClick={() => void approve()} data-testid="photo-approval-submit">
          {t('photo.approval.submit')}
        </button>
      </div>
    </dialog>
  );
}
