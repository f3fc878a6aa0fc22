import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { categoryLabel } from '../../server/domain/resolution-codes';
import { validateResolution } from '../../server/domain/resolution';
import type { ReportStatus } from '../../server/protocol/report';
import type { FieldAssignment } from '../../server/protocol/socket';
import { refusalFields, refusalMessage } from '../shared/api/refusal';
import { EMPTY_DRAFT, type ResolutionDraft, resolutionBody } from '../shared/resolution/draft';
import { localDate } from '../shared/time/calendar';
import type { FieldClient, FieldSnapshot } from './fieldClient';
import { FindingForm } from './FindingForm';
import { WorklistNotes } from './WorklistNotes';
import { useFieldI18n } from './messages';
import { navigationUrl } from './navigationUrl';
import { checkPhoto, type PickedPhoto, photoKey, storePhoto } from './photos';

/**
 * Report statuses in which the unit no longer proposes a resolution. Everything else is left to the hub
 * (it moves dispatched -> in_progress itself), so a report status the field has not heard about yet
 * never hides the button.
 */
const FINDING_CLOSED: ReadonlySet<string> = new Set<ReportStatus>(['awaiting_review', 'scheduled', 'closed', 'reopen_requested']);

/** The accepted report: details, navigation, status buttons and "bevinding melden". */
export function AssignmentCard({
  client,
  snap,
  entry,
  statusButtons,
}: {
  client: FieldClient;
  snap: FieldSnapshot;
  entry: FieldAssignment;
  statusButtons: ReactNode;
}) {
  const { t, shared, text, locale } = useFieldI18n();
  const { report } = entry;
  const [formOpen, setFormOpen] = useState(false);
  const [draft, setDraft] = useState<ResolutionDraft>(EMPTY_DRAFT);
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [pendingId, setPendingId] = useState<string | null>(null);

  const outcome = pendingId ? snap.outcomes[pendingId] : undefined;
  const queued = pendingId !== null && snap.queue.some((q) => q.commandId === pendingId);
  // Stable identity while typing: the form moves focus to the first invalid field when this changes.
  const errors = useMemo(
    () => (outcome?.status === 'refused' ? { ...refusalFields(outcome.error, text), ...localErrors } : localErrors),
    [outcome, localErrors, text],
  );
  const refusedMessage = outcome?.status === 'refused' ? refusalMessage(outcome.error, text) : null;

  // The hub's answer may come long after the form was closed (offline replay): a refusal reopens it with the values.
  useEffect(() => {
    if (outcome?.status === 'refused') setFormOpen(true);
    if (outcome?.status === 'applied') {
      setFormOpen(false);
      setDraft(EMPTY_DRAFT);
      setPhotos([]);
    }
  }, [outcome]);

  async function submit() {
    for (const photo of photos) {
      const problem = await checkPhoto(photo.file);
      if (problem) {
        setLocalErrors({ photo: t(problem) });
        return;
      }
    }
    if (!client.isConnected()) {
      // Offline: the same rules as the hub, so the queue does not fill with proposals it will refuse.
      const today = localDate(client.serverNow());
      const check = validateResolution(resolutionBody(draft), { category: report.category, today });
      if (!check.ok) {
        setLocalErrors(Object.fromEntries(Object.entries(check.fieldTexts).map(([k, v]) => [`resolution.${k}`, text(v)])));
        setPendingId(null);
        return;
      }
    }
    const commandId = crypto.randomUUID();
    for (const [index, photo] of photos.entries()) await storePhoto(photoKey(commandId, index), photo.file);
    setLocalErrors({});
    setPendingId(commandId);
    client.submitFinding(
      commandId,
      report,
      draft,
      photos.map(({ file, kind }) => ({ name: file.name, type: file.type, size: file.size, kind })),
    );
    if (!client.isConnected()) {
      client.notify('info', 'finding.queued', { number: report.number }, commandId);
      setFormOpen(false);
    }
  }

  const canPropose = !FINDING_CLOSED.has(report.status);
  const proposed = report.status === 'awaiting_review';

  return (
    <section className="f-section f-card f-assignment" data-testid="field-assignment" data-report-id={report.id} aria-labelledby="f-assignment-title">
      <div className="f-offer-top">
        <h2 id="f-assignment-title">{t('assignment.title')}</h2>
        <span className="f-spacer" />
        <span className={`f-prio f-prio-badge-${report.priority}`}>{shared(`priority.${report.priority}`)}</span>
      </div>
      <div className="f-assignment-body">
        <p className="f-number">{report.number}</p>
        <h3 className="f-offer-category" data-testid="field-assignment-category">
          {categoryLabel(report.category, locale)}
        </h3>
        {report.address && (
          <p className="f-address" data-testid="field-assignment-address">
            {report.address}
          </p>
        )}
        <p className="f-description" data-testid="field-assignment-description">
          {report.description}
        </p>
        <WorklistNotes reportId={report.id} now={client.serverNow()} />
        <p className="f-muted f-small" data-testid="field-assignment-report-status" data-status={report.status}>
          {t('assignment.reportStatus', { status: shared(`status.${report.status as ReportStatus}`) })}
        </p>
      </div>
      <a
        className="f-btn f-btn-secondary f-btn-block"
        href={navigationUrl(report.lat, report.lng)}
        target="_blank"
        rel="noopener noreferrer"
        data-testid="field-navigate"
      >
        {t('assignment.navigate')} ↗
      </a>
      <h3 className="f-subhead">{t('status.title')}</h3>
      {statusButtons}
      {proposed && !formOpen && (
        <p className="f-ok" data-testid="field-finding-sent">
          {t('finding.proposed')}
        </p>
      )}
      {canPropose && !formOpen && (
        <button type="button" className="f-btn f-btn-primary f-btn-block" onClick={() => setFormOpen(true)} data-testid="field-finding-open">
          {t('finding.open')}
          {queued ? ` · ${t('status.queued')}` : ''}
        </button>
      )}
      {formOpen && (
        <FindingForm
          category={report.category}
          draft={draft}
          onDraftChange={setDraft}
          photos={photos}
          onPhotosChange={(next, problem) => {
            setPhotos(next);
            setLocalErrors(({ photo: _old, ...rest }) => (problem ? { ...rest, photo: t(problem) } : rest));
          }}
          errors={errors}
          refusedMessage={refusedMessage}
          state={queued ? (snap.connection === 'online' ? 'sending' : 'waiting') : 'idle'}
          minDate={localDate(client.serverNow() + 86_400_000)}
          onSubmit={submit}
          onClose={() => setFormOpen(false)}
        />
      )}
    </section>
  );
}
