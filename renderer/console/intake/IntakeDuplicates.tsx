/**
 * "Dit is al gemeld": while the call-taker types a new report, the open reports of the same category
 * near the chosen spot, with status, distance and (when scheduled) the follow-up date, so the caller
 * hears what is already known and can be linked to that report instead of creating a second one.
 */
import type { NearbyReport } from '../../../server/protocol/intake';
import type { Report } from '../../../server/protocol/report';
import { errorMessage } from '../../shared/api/refusal';
import { useNearbyReports } from '../api/intake';
import { Loading } from '../ui/Loading';
import type { LatLng } from '../../shared/geo/coordinates';
import { formatDateTime, formatLongDate, type Translate, useI18n } from '../i18n';
import { useDebounced } from '../ui/useDebounced';
import { formatDistance } from './formatDistance';

const sameSpot = (a: LatLng | null, b: LatLng | null) =>
  a === b || (a !== null && b !== null && a.lat === b.lat && a.lng === b.lng);

/** What the call-taker tells the caller about an existing report. */
export function statusSentence(t: Translate, report: Report, locale: 'nl' | 'en'): string {
  if (report.status === 'scheduled' && report.followUpDate) {
    return t('intake.scheduledFor', { date: formatLongDate(report.followUpDate, locale) });
  }
  return t('intake.statusNow', { status: t(`status.${report.status}`) });
}

interface IntakeDuplicatesProps {
  category: string;
  at: { lat: number; lng: number } | null;
  linkingId: string | null;
  linkError: { reportId: string; message: string } | null;
  onLink: (report: Report) => void;
  onOpenReport: (id: string) => void;
}

export function IntakeDuplicates({ category, at, linkingId, linkError, onLink, onOpenReport }: IntakeDuplicatesProps) {
  const { t, text, locale } = useI18n();
  const spot = useDebounced(at, 250, sameSpot);
  const query = useNearbyReports(category, spot);
  if (!category || !at) return null;
  const data = query.data;
  const settling = !sameSpot(spot, at) || query.isFetching;

  return (
    <section
      className="intake-duplicates"
      aria-label={t('intake.title')}
      aria-busy={settling}
      data-testid="intake-duplicates"
      data-count={data?.reports.length ?? ''}
    >
      <div className="intake-head">
        <h3>
          {t('intake.title')}
          {data && data.reports.length > 0 && <span className="intake-count">{data.reports.length}</span>}
        </h3>
        {settling && <span className="spinner" aria-hidden="true" />}
      </div>
      {query.isError ? (
        <p className="form-error" role="alert">
          {t('intake.error', { message: errorMessage(query.error, text) })}
        </p>
      ) : !data ? (
        <Loading label={t('intake.loading')} inline />
      ) : data.reports.length === 0 ? (
        <p className="muted small" data-testid="intake-duplicates-none">
          {t('intake.none', { radius: data.radiusMeters, weeks: Math.round(data.periodDays / 7) })}
        </p>
      ) : (
        <>
          <p className="muted small">
            {t('intake.scope', { radius: data.radiusMeters, weeks: Math.round(data.periodDays / 7) })}
          </p>
          <ul className="intake-list">
            {data.reports.map((match) => (
              <DuplicateRow
                key={match.report.id}
                match={match}
                linking={linkingId === match.report.id}
                disabled={linkingId !== null}
                error={linkError?.reportId === match.report.id ? linkError.message : null}
                onLink={() => onLink(match.report)}
                onOpen={() => onOpenReport(match.report.id)}
                t={t}
                locale={locale}
              />
            ))}
          </ul>
          <p className="muted small">{t('intake.linkHint')}</p>
        </>
      )}
    </section>
  );
}

interface DuplicateRowProps {
  match: NearbyReport;
  linking: boolean;
  disabled: boolean;
  error: string | null;
  onLink: () => void;
  onOpen: () => void;
  t: Translate;
  locale: 'nl' | 'en';
}

function DuplicateRow({ match, linking, disabled, error, onLink, onOpen, t, locale }: DuplicateRowProps) {
  const { report, distanceMeters } = match;
  return (
    <li
      className={`intake-duplicate status-row-${report.status}`}
      data-testid="intake-duplicate"
      data-report-id={report.id}
      data-status={report.status}
    >
      <div className="row-line">
        <button type="button" className="link-button row-number" onClick={onOpen} data-testid="intake-duplicate-number">
          {report.number}
        </button>
        <span className={`status-pill status-${report.status}`} data-testid="intake-duplicate-status">
          {t(`status.${report.status}`)}
        </span>
        <span className="intake-distance" data-testid="intake-duplicate-distance">
          {t('intake.distance', { distance: formatDistance(distanceMeters) })}
        </span>
        <span className="row-spacer" />
        <span className="muted small" title={t('intake.reportersTitle')}>
          {t('intake.reporters', { n: report.reporterCount })}
        </span>
      </div>
      <p className="intake-sentence" data-testid="intake-duplicate-sentence">
        {report.status === 'scheduled' && report.followUpDate ? (
          <strong className="intake-scheduled" data-testid="intake-duplicate-scheduled">{statusSentence(t, report, locale)}</strong>
        ) : (
          statusSentence(t, report, locale)
        )}
      </p>
      <p className="row-sub small">
        <span className="muted">{formatDateTime(report.createdAt, locale)}</span>
        {report.address ? ` · ${report.address}` : ''} · {report.description}
      </p>
      {error && (
        <p className="field-error" role="alert" data-testid="intake-link-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn btn-small" disabled={disabled} onClick={onLink} data-testid="intake-link">
          {linking && <span className="spinner" aria-hidden="true" />}
          {linking ? t('intake.linking') : t('intake.link')}
        </button>
      </div>
    </li>
  );
}

export interface LinkedCall {
  report: Report;
  /** The caller's e-mail, phone or name, as confirmation. */
  contact: string;
}

/** After linking: what to tell the caller, and that they get the report's feedback from now on. */
export function LinkedNotice({ linked, onOpen, onDismiss }: { linked: LinkedCall; onOpen: () => void; onDismiss: () => void }) {
  const { t, locale } = useI18n();
  const { report } = linked;
  return (
    <div className="notice intake-linked" role="status" data-testid="intake-linked" data-report-id={report.id}>
      <p>
        <strong>{t('intake.linked', { number: report.number, contact: linked.contact })}</strong>
      </p>
      <p data-testid="intake-linked-sentence">
        {t('intake.tellCaller', { sentence: statusSentence(t, report, locale) })}
      </p>
      <p className="small">{t('intake.linkedCount', { n: report.reporterCount })}</p>
      <div className="form-actions">
        <button type="button" className="btn btn-small" onClick={onOpen} data-testid="intake-linked-open">
          {t('intake.open')}
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={onDismiss} data-testid="intake-new-call">
          {t('intake.newCall')}
        </button>
      </div>
    </div>
  );
}
