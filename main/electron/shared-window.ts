// The Electron side of "Kết nối kho dùng chung": the fingerprint question, and a window showing a
// `vankho serve` page. The decisions (probe, pin, which certificate) are main/host/shared-server.ts;
// this file only turns them into Electron calls. The server's page gets no preload (it speaks HTTP
// to its server, as in a browser), an in-memory session of its own (cookies end with the app), every
// permission denied, and a certificate check accepting exactly the pinned certificate.
import { BrowserWindow, dialog, session, type Session } from 'electron';
import type { ServerIdentity } from '../contract/transport.js';
import { certificateVerdict, type SharedServer } from '../host/shared-server.js';
import { LOCKED_WEB_PREFERENCES } from './web-preferences.js';

/** Chromium's verify-proc answers: 0 accept, -2 refuse, -3 its own verification. */
const VERDICT = { accept: 0, reject: -2, system: -3 } as const;

function sharedSession(server: SharedServer): Session {
  // One partition per address, never persisted: no cookie or cache of a server outlives the app run.
  const ses = session.fromPartition(`vankho-shared-${encodeURIComponent(server.url)}`);
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setCertificateVerifyProc((request, callback) =>
    callback(VERDICT[certificateVerdict(server, request.hostname, request.certificate.data)]),
  );
  return ses;
}

/** Asks the user to compare a first-met certificate; true = trust (pin) it. */
export async function confirmFingerprint(
  parent: BrowserWindow | null,
  server: SharedServer & { fingerprint: string },
  identity: ServerIdentity,
): Promise<boolean> {
  const options = {
    type: 'question' as const,
    title: 'Kết nối kho dùng chung / Connect to a shared archive',
    message:
      `Máy chủ VanKho ${identity.version} tại ${server.url} dùng chứng chỉ tự ký. ` +
      `/ The VanKho ${identity.version} server at ${server.url} uses a self-signed certificate.`,
    detail:
      `Dấu vân tay SHA-256 / SHA-256 fingerprint:\n${server.fingerprint}\n\n` +
      'Hãy so từng ký tự với dấu vân tay mà máy chủ in ra khi chạy (hỏi người quản trị). Chỉ tin cậy khi trùng khớp; ' +
      'ứng dụng sẽ ghi nhớ chứng chỉ này và từ chối mọi chứng chỉ khác ở địa chỉ này.\n' +
      'Compare it with the fingerprint the server printed when it started (ask the administrator). Trust it only if ' +
      'they match; the app remembers this certificate and refuses any other one at this address.',
    buttons: ['Tin cậy và kết nối / Trust and connect', 'Hủy / Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
  const r = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  return r.response === 0;
}

/** A window on the server's page, trusting exactly its pinned certificate (or the system's CAs when none). */
export function createSharedWindow(server: SharedServer, iconPath: string | undefined): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: `VanKho — ${new URL(server.url).host}`,
    show: false,
    backgroundColor: '#ffffff',
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: {
      session: sharedSession(server),
      ...LOCKED_WEB_PREFERENCES,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(server.url);
  return win;
}
