// Every channel name, URL path, scheme and header of the two transports, in one place. The Electron
// adapter, the preload bridge, the web server and the renderer's transports all read them from here.

/** Prefix of the IPC channel of a request: `vankho:call:<method>` (ipcRenderer.invoke / ipcMain.handle). */
export const IPC_CALL_PREFIX = 'vankho:call:';
/** The one IPC channel main → renderer events travel on (webContents.send / ipcRenderer.on). */
export const IPC_EVENT_CHANNEL = 'vankho:event';

export function ipcChannelOf(method: string): string {
  return IPC_CALL_PREFIX + method;
}

/** HTTP paths of web mode (see main/web/README.md for the wire format). */
export const HTTP_PATHS = {
  /** POST /api/<method>, JSON body `{ "input": … }`, answer: a JSON Result. */
  apiPrefix: '/api/',
  /** POST /upload, raw file bytes as the body, file name in the UPLOAD_NAME_HEADER header. */
  upload: '/upload',
  /** GET /files/<fileId>[?download=1] — the bytes of one stored original, by id only. */
  filesPrefix: '/files/',
  /** GET /exports/<jobId> — the ZIP or catalogue written by a finished export job (web mode). */
  exportsPrefix: '/exports/',
  /** GET /events — Server-Sent Events, one `data:` line of JSON per AppEvent. */
  events: '/events',
} as const;

/**
 * Server mode (`vankho serve`, issue 14): sign-in routes beside the contract's, a session cookie and
 * a CSRF header every state-changing request carries (see main/web/README.md).
 */
export const SERVER_PATHS = {
  /** POST, `{"input":{"username","password"}}` → Result<SessionInfo>, sets SESSION_COOKIE. */
  login: '/api/login',
  /** POST (with CSRF_HEADER) → Result<null>, ends the session and clears the cookie. */
  logout: '/api/logout',
  /** POST → Result<SessionInfo> of the signed-in caller, or 401. */
  whoami: '/api/whoami',
  /**
   * GET, no session, no CSRF → ServerIdentity JSON. How a desktop app that is told an address
   * ("Kết nối kho dùng chung") tells a VanKho server from anything else listening there.
   */
  identity: '/vankho-server',
} as const;

/** What `GET SERVER_PATHS.identity` answers: nothing about the archive, only what the server is. */
export interface ServerIdentity {
  product: 'VanKho';
  mode: 'server';
  /** The server's app version (package.json). */
  version: string;
  /** Bumped when a desktop client of an older version could no longer use this server. */
  protocol: number;
}
/** The ServerIdentity protocol this code speaks. */
export const SERVER_PROTOCOL = 1;
/** HttpOnly, SameSite=Strict (Secure under TLS); holds a random token, only its SHA-256 is stored. */
export const SESSION_COOKIE = 'vankho_session';
/** Every POST but login must carry the session's csrfToken here (403 otherwise). */
export const CSRF_HEADER = 'x-vankho-csrf';

/** Who is signed in (server mode), as login and whoami answer it. */
export interface SessionInfo {
  user: { username: string; displayName: string; role: 'admin' | 'archivist' | 'reader' };
  csrfToken: string;
  /** ISO time the session ends at the latest. */
  expiresAt: string;
}

/** Bearer token: `Authorization: Bearer <token>`; GET requests may carry it as `?token=` instead. */
export const AUTH_HEADER = 'authorization';
export const TOKEN_QUERY_PARAM = 'token';
/** The token is handed to the page in the URL fragment (`#token=…`), never sent to the server in a URL path. */
export const TOKEN_FRAGMENT_PARAM = 'token';
/** Percent-encoded (encodeURIComponent) original file name of an upload. */
export const UPLOAD_NAME_HEADER = 'x-vankho-file-name';

/** Electron schemes: the renderer build, and stored originals by file id. */
export const APP_SCHEME = 'vankho-app';
export const FILE_SCHEME = 'vankho-file';
/** Host part of the app scheme URL: vankho-app://app/index.html */
export const APP_HOST = 'app';
/** vankho-file://file/<fileId>[?download=1] */
export const FILE_HOST = 'file';
export const EXPORT_HOST = 'export';

/** Largest single upload the web server and the IPC handler accept (bytes). */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
/**
 * Most bytes one session (one run of the app or web mode) holds uploaded and not yet imported: the
 * temp folder's bound. More answers UPLOAD_LIMIT; an import frees its uploads when it ends.
 */
export const MAX_SESSION_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;
/**
 * Server mode: most bytes and files one account holds uploaded and not yet imported (streaming in
 * included); more answers ACCOUNT_UPLOAD_LIMIT. Half the session's bytes, so one account at its cap
 * never fills the server's; `vankho serve --account-upload-mib / --account-upload-files` change them.
 */
export const DEFAULT_ACCOUNT_UPLOAD_BYTES = 1024 * 1024 * 1024;
export const DEFAULT_ACCOUNT_UPLOAD_FILES = 2000;

/**
 * How a stored original is asked for: as itself, as a download, or (`page`) as the preview shows
 * that page — a TIFF's page as a PNG, since browsers cannot show a TIFF.
 */
export interface FileUrlOptions {
  download?: boolean;
  page?: number;
}

/** The `page` query parameter of a file URL: a page number (1–99999), undefined otherwise. */
export function previewPage(raw: string | null): number | undefined {
  return raw !== null && /^[1-9][0-9]{0,4}$/.test(raw) ? Number(raw) : undefined;
}

function fileQuery(q: URLSearchParams, opts: FileUrlOptions): URLSearchParams {
  if (opts.download) q.set('download', '1');
  if (opts.page !== undefined) q.set('page', String(opts.page));
  return q;
}

/** Desktop: URL of a stored original's bytes (served by the vankho-file protocol). */
export function desktopFileUrl(fileId: number, opts: FileUrlOptions = {}): string {
  const q = fileQuery(new URLSearchParams(), opts).toString();
  return `${FILE_SCHEME}://${FILE_HOST}/${fileId}${q ? `?${q}` : ''}`;
}

/** Web mode: URL of a stored original's bytes (token in the query: <img>/<a>/pdf.js cannot set headers). */
export function webFileUrl(token: string, fileId: number, opts: FileUrlOptions = {}): string {
  const q = fileQuery(new URLSearchParams({ [TOKEN_QUERY_PARAM]: token }), opts);
  return `${HTTP_PATHS.filesPrefix}${fileId}?${q.toString()}`;
}

/** Web mode: URL of a finished export's file. */
export function webExportUrl(token: string, jobId: string): string {
  return `${HTTP_PATHS.exportsPrefix}${encodeURIComponent(jobId)}?${new URLSearchParams({ [TOKEN_QUERY_PARAM]: token }).toString()}`;
}

/** Web mode: URL of the event stream. */
export function webEventsUrl(token: string): string {
  return `${HTTP_PATHS.events}?${new URLSearchParams({ [TOKEN_QUERY_PARAM]: token }).toString()}`;
}
