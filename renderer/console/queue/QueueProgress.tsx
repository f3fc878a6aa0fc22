import { useI18n } from '../i18n';

/** "Wachtrij laden: 3.200 van 20.647" while the later pages of the queue are still coming; nothing when complete. */
export function QueueProgress({ progress }: { progress: { loaded: number; total: number } | null | undefined }) {
  const { t, locale } = useI18n();
  if (!progress) return null;
  const loaded = Math.min(progress.loaded, progress.total);
  return (
    <div className="queue-progress muted small" role="status" data-testid="queue-progress">
      <span>{t('queue.loadingMore', { loaded: loaded.toLocaleString(locale), total: progress.total.toLocaleString(locale) })}</span>
      <progress max={progress.total} value={loaded} />
    </div>
  );
}
