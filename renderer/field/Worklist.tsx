import { useEffect, useState } from 'react';
import type { Worklist as WorklistData } from '../../server/protocol/report-context';
import { categoryLabel } from '../../server/domain/resolution-codes';
import { formatDateTime } from '../shared/i18n/core';
import type { FieldClient, FieldSnapshot } from './fieldClient';
import { useFieldI18n } from './messages';
import { effectiveStatus } from './queue';

const CACHE_PREFIX = 'meldkamer.field.worklist.';

function loadCached(userId: string): WorklistData | null {
  try {
    const raw = localStorage.getItem(CACHE_PREFIX + userId);
    return raw ? (JSON.parse(raw) as WorklistData) : null;
  } catch {
    return null;
  }
}

function saveCached(userId: string, list: WorklistData): void {
  try {
    localStorage.setItem(CACHE_PREFIX + userId, JSON.stringify(list));
  } catch {
    // storage full or unavailable: the list lives in memory for this page
  }
}

/**
 * The worklist (looplijst): the day's open low-priority reports in the unit's tasked area, in the walking order the
 * hub chose (nearest neighbour from the unit's position). The list is kept on the device, so it can be worked
 * through without a connection; "Oppakken" goes through the offline queue like a finding, and a take the hub
 * refuses (another unit or the desk was first) comes back as a notice. Reports taken by this device and still
 * queued show as such; the next list from the hub leaves out everything somebody has.
 */
export function Worklist({ client, snap, userId }: { client: FieldClient; snap: FieldSnapshot; userId: string }) {
  const { t, locale } = useFieldI18n();
  const [list, setList] = useState<WorklistData | null>(() => loadCached(userId));

  // A new list when the officer has moved about 100 m (the order is a walk from where they stand).
  const near = snap.position ? `${snap.position.lat.toFixed(3)},${snap.position.lng.toFixed(3)}` : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: `near` is the trigger; the position is read fresh.
  useEffect(() => {
    let cancelled = false;
    const refresh = () => {
      void client.worklist.fetch(client.getSnapshot().position).then((fresh) => {
        if (!fresh || cancelled) return;
        saveCached(userId, fresh);
        setList(fresh);
      });
    };
    refresh();
    const stop = client.worklist.onChange(refresh);
    return () => {
      cancelled = true;
      stop();
    };
  }, [client, userId, near]);

  if (!list || (list.items.length === 0 && snap.tasking.length === 0)) return null;
  const queuedTakes = new Set(snap.queue.flatMap((q) => (q.kind === 'take' ? [q.reportId] : [])));
  const status = snap.unit ? effectiveStatus(snap.unit.status, snap.queue) : null;
  // One report at a time: a queued take, or a report in hand, waits until it is done.
  const free = status === 'beschikbaar' && queuedTakes.size === 0 && !snap.assignments.some((a) => a.assignment.state === 'accepted');
  const offline = snap.connection !== 'online';

  return (
    <section className="f-section f-card f-worklist" data-testid="field-worklist" aria-labelledby="f-worklist-title">
      <h2 id="f-worklist-title">{t('worklist.title')}</h2>
      <p className="f-muted f-small">{t(list.from === 'position' ? 'worklist.intro' : 'worklist.introNoPosition')}</p>
      {offline && (
        <p className="f-muted f-small" data-testid="field-worklist-cached">
          {t('worklist.cached', { time: formatDateTime(list.generatedAt, locale) })}
        </p>
      )}
      {list.items.length === 0 ? (
        <p className="f-muted">{t('worklist.empty')}</p>
      ) : (
        <ol className="f-worklist-items">
          {list.items.map(({ report, legMeters }) => {
            const queued = queuedTakes.has(report.id);
            return (
              <li key={report.id} className="f-worklist-item" data-testid="field-worklist-item" data-report-id={report.id} data-number={report.number}>
                <div className="f-worklist-text">
                  <strong>{categoryLabel(report.category, locale)}</strong>
                  <span className="f-muted f-small">
                    {report.number} · {t('worklist.leg', { m: legMeters })}
                  </span>
                  {report.address && <span className="f-small">{report.address}</span>}
                  <span className="f-small">{report.description}</span>
                </div>
                <button
                  type="button"
                  className="f-btn f-btn-secondary"
                  disabled={queued || !free}
                  onClick={() => client.worklist.take(report)}
                  data-testid="field-worklist-take"
                >
                  {queued ? t('worklist.takeQueued') : t('worklist.take')}
                </button>
              </li>
            );
          })}
        </ol>
      )}
      {!free && queuedTakes.size === 0 && list.items.length > 0 && <p className="f-muted f-small">{t('worklist.busy')}</p>}
    </section>
  );
}
