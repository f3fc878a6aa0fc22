import type { FieldMessageKey } from './messages';
import type { Notice, NoticeParam, SnapshotStore } from './fieldSnapshot';

/** At most this many notices at once (the oldest go). */
const NOTICE_LIMIT = 4;
/** An information notice goes by itself after this long; errors stay until dismissed. */
const INFO_MS = 6000;

/** The notices above the field client's screen. */
export class NoticeBoard {
  private seq = 0;
  /** Notices about a queued command ("staat in de wachtrij"), by commandId: they go once it is sent. */
  private readonly byCommand = new Map<string, number>();

  constructor(private readonly store: SnapshotStore) {}

  notify(tone: Notice['tone'], key: FieldMessageKey, params?: Record<string, NoticeParam>, commandId?: string): void {
    this.seq += 1;
    const notice: Notice = { id: this.seq, tone, key, ...(params ? { params } : {}) };
    this.store.update({ notices: [...this.store.get().notices, notice].slice(-NOTICE_LIMIT) });
    if (commandId) this.byCommand.set(commandId, notice.id);
    else if (tone === 'info') setTimeout(() => this.dismiss(notice.id), INFO_MS);
  }

  dismiss(id: number): void {
    const { notices } = this.store.get();
    if (!notices.some((n) => n.id === id)) return;
    this.store.update({ notices: notices.filter((n) => n.id !== id) });
  }

  /** The command went through (or was refused): its "queued" notice goes. */
  dismissFor(commandId: string): void {
    const id = this.byCommand.get(commandId);
    if (id === undefined) return;
    this.byCommand.delete(commandId);
    this.dismiss(id);
  }
}
