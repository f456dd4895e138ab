// The contract over HTTP (web mode and server mode): POST /api/<method> with `{ input }`, answers
// are JSON Results; uploads are raw bytes; events arrive over Server-Sent Events. Web mode proves
// itself with its token; server mode with the session cookie (sent by the browser) plus the CSRF
// header on every POST. See main/web/README.md.
import { API_METHODS, type ApiRequests, type VanKhoApi } from '../../../main/contract/api.js';
import { appError, type AppError, type Result } from '../../../main/contract/errors.js';
import type { AppEvent, AppEventListener } from '../../../main/contract/events.js';
import {
  CSRF_HEADER,
  HTTP_PATHS,
  SERVER_PATHS,
  TOKEN_QUERY_PARAM,
  UPLOAD_NAME_HEADER,
  type FileUrlOptions,
  type SessionInfo,
} from '../../../main/contract/transport.js';

/** Web mode's token, or server mode's session (CSRF token; the cookie travels by itself). */
export type HttpAuth = { token: string } | { csrfToken: string; onSignedOut: () => void };

function isResult(v: unknown): v is Result<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { ok?: unknown }).ok === 'boolean';
}

function transportError(status: number, detail: string): AppError {
  if (status === 401 || status === 403) return appError('UNAUTHORIZED');
  return appError('INTERNAL', detail);
}

async function readResult(res: Response): Promise<Result<unknown>> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return { ok: false, error: transportError(res.status, `HTTP ${res.status}`) };
  }
  if (isResult(body)) return body;
  return { ok: false, error: transportError(res.status, `HTTP ${res.status}`) };
}

/** POSTs a server-mode sign-in route (login, whoami, logout) and reads its Result. */
export async function postSessionRoute(
  origin: string,
  route: keyof typeof SERVER_PATHS,
  body: unknown,
  csrfToken?: string,
): Promise<{ status: number; result: Result<SessionInfo | null> }> {
  try {
    const res = await fetch(new URL(SERVER_PATHS[route], origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(csrfToken ? { [CSRF_HEADER]: csrfToken } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, result: (await readResult(res)) as Result<SessionInfo | null> };
  } catch (e) {
    return {
      status: 0,
      result: { ok: false, error: appError('INTERNAL', e instanceof Error ? e.message : String(e)) },
    };
  }
}

/** Builds the contract client; `origin` is the server's origin. */
export function createHttpApi(origin: string, auth: HttpAuth): VanKhoApi {
  const token = 'token' in auth ? auth.token : null;
  const authHeaders: Record<string, string> =
    token !== null
      ? { authorization: `Bearer ${token}` }
      : { [CSRF_HEADER]: (auth as { csrfToken: string }).csrfToken };
  // Server mode: a 401 means the session ended (expired, signed out elsewhere, account disabled).
  const checked = (res: Response): Response => {
    if (res.status === 401 && !('token' in auth)) auth.onSignedOut();
    return res;
  };
  const withToken = (path: string, extra?: Record<string, string>): string => {
    const url = new URL(path, origin);
    if (token !== null) url.searchParams.set(TOKEN_QUERY_PARAM, token);
    for (const [k, v] of Object.entries(extra ?? {})) url.searchParams.set(k, v);
    return url.toString();
  };

  async function call(method: string, input: unknown): Promise<Result<unknown>> {
    try {
      const res = await fetch(new URL(HTTP_PATHS.apiPrefix + method, origin), {
        method: 'POST',
        headers: { ...authHeaders, 'content-type': 'application/json' },
        body: JSON.stringify({ input: input ?? {} }),
      });
      return await readResult(checked(res));
    } catch (e) {
      return { ok: false, error: appError('INTERNAL', e instanceof Error ? e.message : String(e)) };
    }
  }

  async function upload(input: { name: string; bytes: Uint8Array }): Promise<Result<unknown>> {
    try {
      const res = await fetch(new URL(HTTP_PATHS.upload, origin), {
        method: 'POST',
        headers: {
          ...authHeaders,
          'content-type': 'application/octet-stream',
          [UPLOAD_NAME_HEADER]: encodeURIComponent(input.name.normalize('NFC')),
        },
        body: input.bytes as Uint8Array<ArrayBuffer>,
      });
      return await readResult(checked(res));
    } catch (e) {
      return { ok: false, error: appError('INTERNAL', e instanceof Error ? e.message : String(e)) };
    }
  }

  const requests: Record<string, (input: unknown) => Promise<Result<unknown>>> = {};
  for (const method of API_METHODS) requests[method] = (input) => call(method, input);
  requests.importUpload = (input) => upload(input as { name: string; bytes: Uint8Array });

  // One EventSource for all listeners, opened on the first subscription (EventSource cannot send
  // headers, so the token travels as a query parameter as main/web/README.md allows for GET).
  const listeners = new Set<AppEventListener>();
  let source: EventSource | null = null;
  const ensureSource = () => {
    if (source) return;
    source = new EventSource(withToken(HTTP_PATHS.events));
    source.onmessage = (msg: MessageEvent<string>) => {
      let event: AppEvent;
      try {
        event = JSON.parse(msg.data) as AppEvent;
      } catch {
        return;
      }
      for (const l of [...listeners]) l(event);
    };
  };

  const api = {
    ...(requests as unknown as ApiRequests),
    onEvent(listener: AppEventListener) {
      listeners.add(listener);
      ensureSource();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
    fileUrl(fileId: number, opts?: FileUrlOptions) {
      return withToken(HTTP_PATHS.filesPrefix + String(fileId), {
        ...(opts?.download ? { download: '1' } : {}),
        ...(opts?.page !== undefined ? { page: String(opts.page) } : {}),
      });
    },
    exportUrl(jobId: string) {
      return withToken(HTTP_PATHS.exportsPrefix + encodeURIComponent(jobId));
    },
  };
  return api;
}
