// Main process: thin wiring of the policies in ./policy.ts onto Electron.
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  type IpcMainInvokeEvent,
  ipcMain,
  Notification,
  session,
  shell,
  type WebContents,
} from 'electron';
import {
  appInfoArguments,
  consoleWebPreferences,
  contentSecurityPolicy,
  DEFAULT_HUB_URL,
  IPC_CHANNELS,
  isAllowedNavigation,
  isAllowedRequest,
  isPermissionAllowed,
  isTrustedIpcSender,
  mapOriginsFromEnv,
  parseExternalHosts,
  parseNotification,
  secureHubOrigin,
  windowOpenDecision,
  withCspHeader,
} from './policy';

const RELOAD_AFTER_FAILURE_MS = 3000;
// Chromium's net::ERR_ABORTED: a navigation we (or the page) cancelled, not a hub outage.
const ERR_ABORTED = -3;

const hubUrl = (process.env.MELDKAMER_HUB_URL ?? '').trim() || DEFAULT_HUB_URL;
let origin: string;
try {
  origin = secureHubOrigin(hubUrl);
} catch (error) {
  dialog.showErrorBox('Meldkamer', `MELDKAMER_HUB_URL: ${(error as Error).message}`);
  process.exit(1);
}
const externalHosts = parseExternalHosts(process.env.MELDKAMER_EXTERNAL_HOSTS);
const mapOrigins = mapOriginsFromEnv(process.env);
const csp = contentSecurityPolicy(origin, { mapOrigins });

let mainWindow: BrowserWindow | null = null;

function trustedSender(event: IpcMainInvokeEvent): void {
  if (!isTrustedIpcSender(event.senderFrame?.url, origin)) {
    throw new Error('IPC from an untrusted frame');
  }
}

function registerIpc(): void {
  ipcMain.handle(IPC_CHANNELS.appInfo, (event) => {
    trustedSender(event);
    return { version: app.getVersion(), hubUrl };
  });
  ipcMain.handle(IPC_CHANNELS.notify, (event, payload: unknown) => {
    trustedSender(event);
    const notification = parseNotification(payload);
    if (!notification) throw new Error('Invalid notification payload');
    if (!Notification.isSupported()) return;
    const native = new Notification({ title: notification.title, body: notification.body });
    native.on('click', () => focusMainWindow());
    native.show();
  });
}

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, origin));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, origin),
  );
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, origin, mapOrigins) });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders, csp) });
  });
}

function hardenContents(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url, origin)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, origin)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url, origin, externalHosts);
    if (decision.openExternally) void shell.openExternal(decision.openExternally);
    return { action: 'deny' };
  });
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1600,
    height: 1000,
    title: 'Meldkamer',
    backgroundColor: '#0f1419',
    show: false,
    webPreferences: consoleWebPreferences({
      preload: path.join(__dirname, 'preload.cjs'),
      additionalArguments: appInfoArguments({ version: app.getVersion(), hubUrl }),
      packaged: app.isPackaged,
    }),
  });
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    mainWindow = null;
  });
  // The console may start before the hub does: keep retrying instead of showing a dead page.
  window.webContents.on('did-fail-load', (_event, errorCode, _description, _url, isMainFrame) => {
    if (!isMainFrame || errorCode === ERR_ABORTED) return;
    if (!window.isVisible()) window.show();
    setTimeout(() => {
      if (!window.isDestroyed()) void window.loadURL(hubUrl).catch(() => undefined);
    }, RELOAD_AFTER_FAILURE_MS);
  });
  void window.loadURL(hubUrl).catch(() => undefined);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  app.on('second-instance', () => focusMainWindow());
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(() => {
    hardenSession();
    registerIpc();
    createWindow();
  });
}
