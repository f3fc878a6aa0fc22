// Runs sandboxed: only 'electron' can be required, so app info arrives via process.argv.
import { contextBridge, ipcRenderer } from 'electron';
import type { MeldkamerBridge } from './bridge';
import { IPC_CHANNELS, readAppInfoArguments } from './policy';

const info = readAppInfoArguments(process.argv);

const api: MeldkamerBridge = {
  version: info.version,
  hubUrl: info.hubUrl,
  isDesktop: true,
  async notify(title: string, body: string): Promise<void> {
    // Only plain strings cross the bridge; the main process validates them again.
    await ipcRenderer.invoke(IPC_CHANNELS.notify, { title: String(title), body: String(body) });
  },
};

contextBridge.exposeInMainWorld('meldkamer', Object.freeze(api));
