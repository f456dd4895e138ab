// The main window and the rules every web contents of the app lives under: context isolation,
// sandbox, no Node, no navigation away from the app, no new windows (http(s) links go to the system
// browser after the allow-list check), no webviews, every permission request denied.
import { BrowserWindow, app, session, shell, type WebContents } from 'electron';
import { APP_HOST, APP_SCHEME } from '../contract/transport.js';
import { isSafeExternalUrl } from './external-links.js';
import { LOCKED_WEB_PREFERENCES } from './web-preferences.js';

export const APP_START_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export function hardenSessionAndContents(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
}

function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternally(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}

function openExternally(url: string): void {
  if (isSafeExternalUrl(url)) {
    shell.openExternal(url).catch((e: unknown) => console.error('VanKho: openExternal failed', e));
  } else {
    console.warn('VanKho: blocked navigation to', url.slice(0, 200));
  }
}

export function createMainWindow(preloadPath: string, iconPath: string | undefined): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'VanKho — Kho văn bản',
    show: false,
    backgroundColor: '#ffffff',
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: {
      preload: preloadPath,
      ...LOCKED_WEB_PREFERENCES,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_START_URL);
  return win;
}
