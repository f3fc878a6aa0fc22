import type { ReportDetail, TimelineEntry } from '../../../server/protocol/detail';
import { formatDateTime, formatShortDate, type Translate, type TranslateText, useI18n } from '../i18n';

type CodeLists = ReportDetail['codes'];

function codeText(list: CodeLists['found'], code: string, locale: 'nl' | 'en'): string {
  const option = list.find((c) => c.code === code);
  if (!option) return code;
  return locale === 'en' ? option.en : option.nl;
}

function actorName(t: Translate, entry: TimelineEntry): string {
  if (entry.actor) return entry.actor;
  // Without a user the step came from the status page (the reporter) or from the hub itself.
  if (entry.to === 'reopen_requested' || entry.type === 'report.citizen_response') return t('tl.citizen');
  return t('tl.system');
}

/** The step in words from the hub (domain/timeline-texts.ts); an entry without one (an older hub) by its type. */
function headline(t: Translate, text: TranslateText, entry: TimelineEntry): string {
  if (entry.text) return text(entry.text);
  if (entry.type === 'report.created') return t('tl.created');
  if (entry.from && entry.to) return `${t(`status.${entry.from}`)} → ${t(`status.${entry.to}`)}`;
  if (entry.to) return t(`status.${entry.to}`);
  return entry.type;
}

/** The report's append-only history: who did what when, with what was found, done and planned. */
export function Timeline({ detail }: { detail: ReportDetail }) {
  const { t, text, locale } = useI18n();
  // Deliveries are shown per message (delivery state), not as steps.
  const entries = detail.timeline.filter((e) => e.type !== 'report.delivery');
  return (
    <ol className="timeline" data-testid="timeline">
      {entries.map((entry) => {
        const r = entry.resolution;
        return (
          <li
            key={entry.seq}
            className={`tl-entry tl-${entry.type.replace('report.', '')}`}
            data-testid="timeline-entry"
            data-type={entry.type}
            data-to={entry.to ?? ''}
          >
            <div className="tl-head">
              <time dateTime={entry.at}>{formatDateTime(entry.at, locale)}</time>
              <span className="tl-actor">{actorName(t, entry)}</span>
            </div>
            <div className="tl-what">
              <span data-testid="timeline-text">{headline(t, text, entry)}</span>
              {entry.outcome && entry.to === 'closed' && (
                <span className="outcome-pill">{t(`outcome.${entry.outcome}`)}</span>
              )}
              {entry.resolutionState && (
                <span className={`res-state res-${entry.resolutionState}`}>{t(`tl.${entry.resolutionState}`)}</span>
              )}
            </div>
            {r && (
              <dl className="tl-resolution">
                <dt>{t('tl.found')}</dt>
                <dd>
                  <span className="muted">{codeText(detail.codes.found, r.found.code, locale)}:</span> {r.found.text}
                </dd>
                <dt>{t('tl.action')}</dt>
                <dd>
                  <span className="muted">{codeText(detail.codes.action, r.action.code, locale)}:</span> {r.action.text}
                </dd>
                {r.followUp && (
                  <>
                    <dt>{t('res.followUp')}</dt>
                    <dd>
                      {t('tl.followUp', {
                        date: formatShortDate(r.followUp.date, locale),
                        what: r.followUp.what,
                        who: r.followUp.who,
                      })}
                    </dd>
                  </>
                )}
                {r.kind === 'close' && r.referredTo && (
                  <>
                    <dt>{t('res.referredTo')}</dt>
                    <dd>{r.referredTo}</dd>
                  </>
                )}
              </dl>
            )}
            {entry.note && <p className="tl-note">{t('tl.note', { note: entry.note })}</p>}
          </li>
        );
      })}
    </ol>
  );
}
