import type { PhotoKind, PhotoSource } from '../protocol/photos';

/**
 * Where a report's photo came from, and which photo may become the citizen's photo of the fix (pure).
 * Rules:
 * - a photo a field unit uploaded (it has a unit) is the field's; one without a unit is the reporter's when it is the
 *   answer to a question on the status page, the external party's when it came with the party's answer; any other
 *   photo without a unit (imported before photos had units) counts as the field's;
 * - the desk may approve for the citizen a field unit's "after" photo, or an external party's answer photo (what the
 *   party did); never a reporter's own photo, and nothing is public without the approval.
 */
export function photoSourceOf(
  photo: { id: string; unitId: string | null },
  answers: { reporter: ReadonlySet<string>; external: ReadonlySet<string> },
): PhotoSource {
  if (photo.unitId !== null) return 'field';
  if (answers.reporter.has(photo.id)) return 'reporter';
  if (answers.external.has(photo.id)) return 'external';
  return 'field';
}

/** May the desk approve this photo as the photo of the fix (status page, closing message)? */
export function isFixPhotoCandidate(photo: { kind: PhotoKind | null; source: PhotoSource }): boolean {
  if (photo.source === 'external') return true;
  return photo.source === 'field' && photo.kind === 'after';
}
