// What the two custom schemes answer, decided without Electron so it can be tested: vankho-app://app/…
// serves only files of the renderer build; vankho-file://file/<id> serves only a stored original
// resolved by its numeric id (and vankho-file://export/<jobId> a finished export), never a path.
import {
  APP_HOST,
  APP_SCHEME,
  EXPORT_HOST,
  FILE_HOST,
  FILE_SCHEME,
  previewPage,
} from '../contract/transport.js';
import {
  appContentSecurityPolicy,
  contentDisposition,
  FILE_CONTENT_SECURITY_POLICY,
} from '../host/security-headers.js';
import { resolveStatic } from '../host/static-files.js';
import type { StoredFileRef } from '../core/app/stored-file.js';
import { toAppError } from '../core/errors/to-app-error.js';

export type ProtocolAnswer =
  | { status: 200; path: string; headers: Record<string, string> }
  | { status: 400 | 403 | 404 | 405 | 500; headers: Record<string, string> };

const BASE_HEADERS = { 'x-content-type-options': 'nosniff' };
/** The app page may fetch originals (pdf.js) from the file scheme, a different origin. */
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
const DESKTOP_CSP = appContentSecurityPolicy([`${FILE_SCHEME}:`]);

/** Both schemes are read-only: a GET/HEAD with a parseable URL, or the refusal to answer. */
function readRequestUrl(rawUrl: string, method: string): URL | ProtocolAnswer {
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, headers: BASE_HEADERS };
  try {
    return new URL(rawUrl);
  } catch {
    return { status: 400, headers: BASE_HEADERS };
  }
}

export function answerAppRequest(rawUrl: string, method: string, rendererDir: string): ProtocolAnswer {
  const url = readRequestUrl(rawUrl, method);
  if (!(url instanceof URL)) return url;
  if (url.host !== APP_HOST) return { status: 404, headers: BASE_HEADERS };
  const file = resolveStatic(rendererDir, url.pathname);
  if (!file) return { status: 404, headers: BASE_HEADERS };
  return {
    status: 200,
    path: file.path,
    headers: {
      ...BASE_HEADERS,
      'content-type': file.contentType,
      'content-length': String(file.size),
      ...(file.isIndex ? { 'content-security-policy': DESKTOP_CSP } : {}),
    },
  };
}

export interface FileProtocolBackend {
  /** With `page`: what the preview shows of that page (a TIFF's page as a PNG). */
  storedFile(fileId: number, page?: number): StoredFileRef | Promise<StoredFileRef>;
  exportFile(jobId: string): StoredFileRef | Promise<StoredFileRef>;
}

export async function answerFileRequest(
  rawUrl: string,
  method: string,
  backend: FileProtocolBackend,
): Promise<ProtocolAnswer> {
  const url = readRequestUrl(rawUrl, method);
  if (!(url instanceof URL)) return url;
  const id = url.pathname.replace(/^\//, '');
  let ref: StoredFileRef;
  try {
    if (url.host === FILE_HOST && /^[1-9][0-9]{0,15}$/.test(id)) {
      const page = previewPage(url.searchParams.get('page'));
      ref = await (page === undefined
        ? backend.storedFile(Number(id))
        : backend.storedFile(Number(id), page));
    } else if (url.host === EXPORT_HOST && /^[A-Za-z0-9_-]{1,64}$/.test(id))
      ref = await backend.exportFile(id);
    else return { status: 404, headers: BASE_HEADERS };
  } catch (e) {
    const err = toAppError(e);
    return {
      status: err.code === 'NOT_FOUND' || err.code === 'NO_ARCHIVE_OPEN' ? 404 : 500,
      headers: BASE_HEADERS,
    };
  }
  const download = url.searchParams.get('download') === '1' || url.host === EXPORT_HOST;
  return {
    status: 200,
    path: ref.path,
    headers: {
      ...BASE_HEADERS,
      'content-type': ref.mediaType,
      'content-length': String(ref.size),
      'content-disposition': contentDisposition(download ? 'attachment' : 'inline', ref.name),
      'content-security-policy': FILE_CONTENT_SECURITY_POLICY,
      'access-control-allow-origin': APP_ORIGIN,
      vary: 'Origin',
    },
  };
}
