import type { Category } from '../../../server/protocol/report';
import type { ShiftReportContent } from '../../../server/protocol/shift-report';
import { formatDateTime, formatShortDate, type Translate, useI18n } from '../i18n';
import { formatFigureDuration } from '../ui/figureDuration';

/** A duration as the other figures write it (ui/figureDuration.ts); – when there is none. */
export function duration(t: Translate, ms: number | null): string {
  return ms === null ? '–' : formatFigureDuration(t, ms);
}

const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)}%`);

/** The shift's KPIs from the stats module (commands/stats.ts), each with whether it misses its target. */
function kpiFigures(kpis: NonNullable<ShiftReportContent['kpis']>, t: Translate): [string, string, boolean][] {
  const k = kpis.total;
  return [
    [t('shiftReport.kpi.queue'), duration(t, k.queue.medianMs), false],
    [t('shiftReport.kpi.close'), duration(t, k.close.medianMs), false],
    [t('shiftReport.kpi.withinTerm', { target: percent(kpis.targets.withinTerm) }), percent(k.withinTermShare), k.withinTermShare !== null && k.withinTermShare < kpis.targets.withinTerm],
    [t('shiftReport.kpi.satisfied', { target: percent(kpis.targets.satisfied) }), percent(k.satisfiedShare), k.satisfiedShare !== null && k.satisfiedShare < kpis.targets.satisfied],
    [t('shiftReport.kpi.responseRate'), percent(k.responseRate), false],
  ];
}

/**
 * The shift report as one page: the shift's figures, the notable events, the open reports to hand over and (saved
 * or being written) the shift lead's notes. The same sheet on screen, in the handover dialog and on paper (print CSS
 * in shiftReport.css); the PDF (server/http/shift-report-pdf.ts) has the same blocks.
 */
export function ShiftReportSheet({
  content,
  categories,
  notes,
}: {
  content: ShiftReportContent;
  categories: ReadonlyMap<string, Category>;
  /** The saved notes (read only); absent: the caller renders the editor below the sheet. */
  notes?: string;
}) {
  const { t, locale } = useI18n();
  const f = content.figures;
  const time = (iso: string) => new Date(iso).toLocaleTimeString(locale === 'en' ? 'en-GB' : 'nl-NL', { hour: '2-digit', minute: '2-digit' });
  const figures: [string, number, string][] = [
    [t('shiftReport.fig.received'), f.received, 'received'],
    [t('shiftReport.fig.closed'), f.closed, 'closed'],
    [t('shiftReport.fig.scheduled'), f.scheduled, 'scheduled'],
    [t('shiftReport.fig.open'), f.open, 'open'],
    [t('shiftReport.fig.overdue'), f.overdue, 'overdue'],
    [t('shiftReport.fig.emergencies'), f.emergencies, 'emergencies'],
    [t('shiftReport.fig.priorityTraffic'), f.priorityTraffic, 'priorityTraffic'],
    [t('shiftReport.fig.escalations'), f.escalations, 'escalations'],
  ];
  const categoryName = (code: string) => {
    const c = categories.get(code);
    return c ? (locale === 'en' ? c.nameEn : c.nameNl) : code;
  };
  return (
    <article className="shift-sheet" data-testid="shift-sheet">
      <header className="shift-sheet-head">
        <p className="muted small">{content.municipality}</p>
        <h3>
          {t(`shiftReport.shift.${content.shift}`)} {formatShortDate(content.date, locale)}
        </h3>
        <p className="muted small">
          {t('shiftReport.period', {
            from: formatDateTime(content.startsAt, locale),
            until: formatDateTime(content.endsAt, locale),
            asOf: formatDateTime(content.asOf, locale),
          })}
        </p>
      </header>
      <section aria-label={t('shiftReport.figures')}>
        <h4>{t('shiftReport.figures')}</h4>
        <dl className="shift-figures">
          {figures.map(([label, value, key]) => (
            <div key={key} className={`shift-figure${key === 'overdue' && value > 0 ? ' is-bad' : ''}`} data-testid={`shift-figure-${key}`}>
              <dd>{value}</dd>
              <dt>{label}</dt>
            </div>
          ))}
        </dl>
      </section>
      {content.kpis && (
        <section aria-label={t('shiftReport.kpis')}>
          <h4>{t('shiftReport.kpis')}</h4>
          <dl className="shift-figures" data-testid="shift-kpis">
            {kpiFigures(content.kpis, t).map(([label, value, bad]) => (
              <div key={label} className={`shift-figure${bad ? ' is-bad' : ''}`}>
                <dd>{value}</dd>
                <dt>{label}</dt>
              </div>
            ))}
          </dl>
        </section>
      )}
      <section>
        <h4>{t('shiftReport.notable', { n: content.notableTotal })}</h4>
        {content.notable.length === 0 ? (
          <p className="muted small">{t('shiftReport.notableNone')}</p>
        ) : (
          <ul className="shift-events" data-testid="shift-events">
            {content.notable.map((e) => (
              <li key={`${e.at}-${e.kind}-${e.subject}`} className={`shift-event kind-${e.kind}`}>
                <time dateTime={e.at}>{time(e.at)}</time> <strong>{t(`shiftReport.event.${e.kind}`)}</strong> {e.subject}
                {e.reportNumber && <span className="mono"> {e.reportNumber}</span>}
                {e.detail && <span className="muted">: {e.detail}</span>}
              </li>
            ))}
            {content.notableTotal > content.notable.length && (
              <li className="muted">{t('shiftReport.notableMore', { n: content.notableTotal - content.notable.length })}</li>
            )}
          </ul>
        )}
      </section>
      <section>
        <h4>{t('shiftReport.openReports', { n: f.open, overdue: f.overdue })}</h4>
        <p className="small">
          {content.openByStatus.map((s) => (
            <span key={s.status} className="shift-status-count">
              {t(`status.${s.status}`)}: <strong>{s.count}</strong>
            </span>
          ))}
        </p>
        {content.openList.length > 0 && (
          <table className="shift-open" data-testid="shift-open">
            <caption className="muted small">{t('shiftReport.openMost', { n: content.openList.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('shiftReport.col.number')}</th>
                <th scope="col">{t('shiftReport.col.category')}</th>
                <th scope="col">{t('shiftReport.col.address')}</th>
                <th scope="col">{t('shiftReport.col.status')}</th>
                <th scope="col">{t('shiftReport.col.priority')}</th>
                <th scope="col">{t('shiftReport.col.deadline')}</th>
              </tr>
            </thead>
            <tbody>
              {content.openList.map((r) => (
                <tr key={r.id} className={r.overdue ? 'is-overdue' : undefined}>
                  <td className="mono">{r.number}</td>
                  <td>{categoryName(r.category)}</td>
                  <td>{r.address ?? ''}</td>
                  <td>{t(`status.${r.status}`)}</td>
                  <td>{t(`priority.${r.priority}`)}</td>
                  <td>
                    {r.slaDeadline ? formatDateTime(r.slaDeadline, locale) : r.followUpDate ? t('shiftReport.followUp', { date: r.followUpDate }) : ''}
                    {r.overdue && <strong className="shift-overdue"> {t('shiftReport.overdue')}</strong>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {notes !== undefined && (
        <section>
          <h4>{t('shiftReport.notes')}</h4>
          <p className="shift-notes" data-testid="shift-notes">
            {notes || t('shiftReport.notesEmpty')}
          </p>
        </section>
      )}
    </article>
  );
}
