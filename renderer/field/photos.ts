/**
 * Photos for a finding: checked on the device (type, size, magic bytes; the hub checks the same), kept
 * in IndexedDB while their finding waits in the offline queue (localStorage is too small for 5 MB), and
 * uploaded with `PUT /api/field/reports/:id/photo` (raw bytes) just before the finding is sent.
 */
import { ApiError } from '../../server/protocol/common';
import { urlFor } from '../shared/api/call';
import type { FieldMessageKey } from './messages';

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;

const MAGIC: Record<(typeof PHOTO_TYPES)[number], number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47],
};

/** Null when the file may be sent, else the message key of what is wrong with it. */
export async function checkPhoto(file: Blob): Promise<FieldMessageKey | null> {
  const type = file.type as (typeof PHOTO_TYPES)[number];
  if (!PHOTO_TYPES.includes(type)) return 'finding.photoType';
  if (file.size > MAX_PHOTO_BYTES) return 'finding.photoSize';
  if (file.size === 0) return 'finding.photoBroken';
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  return MAGIC[type].every((b, i) => head[i] === b) ? null : 'finding.photoBroken';
}

/** At most this many photos with one finding (the hub refuses more: protocol/photos.ts MAX_FINDING_PHOTOS). */
export const MAX_FINDING_PHOTOS = 6;

/** What a photo shows: the situation before, or the fix after. */
export type PhotoKind = 'before' | 'after';

/** A photo picked in the finding form, with its mark. */
export interface PickedPhoto {
  /** For the list on the form. */
  id: string;
  file: File;
  kind: PhotoKind;
}

/** The IndexedDB key of a queued finding's photo: its commandId alone for the first (as older versions stored one). */
export function photoKey(commandId: string, index: number): string {
  return index === 0 ? commandId : `${commandId}:${index}`;
}

// ---- IndexedDB: blobs keyed by the finding's commandId (photoKey) ----

const DB_NAME = 'meldkamer-field';
const STORE = 'photos';
/** Fallback when IndexedDB is unavailable (private mode on some browsers): kept for this page only. */
const memory = new Map<string, Blob>();

function openDb(): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve(null);
    try {
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
}

function run<T>(mode: IDBTransactionMode, op: (store: IDBObjectStore) => IDBRequest<T>): Promise<T | undefined> {
  return openDb().then(
    (db) =>
      new Promise<T | undefined>((resolve) => {
        if (!db) return resolve(undefined);
        try {
          const tx = db.transaction(STORE, mode);
          const req = op(tx.objectStore(STORE));
          tx.oncomplete = () => {
            db.close();
            resolve(req.result);
          };
          tx.onerror = () => {
            db.close();
            resolve(undefined);
          };
        } catch {
          db.close();
          resolve(undefined);
        }
      }),
  );
}

export async function storePhoto(key: string, blob: Blob): Promise<void> {
  memory.set(key, blob);
  await run('readwrite', (s) => s.put(blob, key));
}

export async function loadPhoto(key: string): Promise<Blob | undefined> {
  const inMemory = memory.get(key);
  if (inMemory) return inMemory;
  const stored = await run<unknown>('readonly', (s) => s.get(key));
  return stored instanceof Blob ? stored : undefined;
}

export async function deletePhoto(key: string): Promise<void> {
  memory.delete(key);
  await run('readwrite', (s) => s.delete(key));
}

// ---- upload ----

export type UploadResult =
  | { ok: true; photoId: string }
  /** The hub refused the photo (or the session): do not retry. */
  | { ok: false; retry: false; status: number; error: ApiError }
  /** Network trouble or a server error: try again later. */
  | { ok: false; retry: true; error: ApiError };

export async function uploadPhoto(origin: string, token: string, reportId: string, blob: Blob): Promise<UploadResult> {
  let res: Response;
  try {
    res = await fetch(origin + urlFor('photos.upload', { id: reportId }), {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': blob.type, Accept: 'application/json' },
      body: blob,
    });
  } catch (err) {
    return { ok: false, retry: true, error: { code: 'network', message: (err as Error).message || 'network error' } };
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  if (res.ok) {
    const photoId = (body as { photoId?: unknown } | undefined)?.photoId;
    if (typeof photoId === 'string') return { ok: true, photoId };
    return { ok: false, retry: true, error: { code: 'bad_response', message: 'unexpected photo upload response' } };
  }
  const parsed = ApiError.safeParse(body);
  const error = parsed.success ? parsed.data : { code: `http_${res.status}`, message: res.statusText || `HTTP ${res.status}` };
  if (res.status >= 500) return { ok: false, retry: true, error };
  return { ok: false, retry: false, status: res.status, error };
}
