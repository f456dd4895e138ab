// The HTTP server of web mode (loopback, one token) and server mode (`vankho serve`, accounts): the
// renderer build, the contract (POST /api/<method>), uploads, originals and exports by id, and events
// over SSE. Only translation happens here; requests go to the same dispatch function the Electron
// IPC adapter uses. The one step that differs by mode, who the caller is, is a RequestAuth.
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { AppEventListener } from '../contract/events.js';
import type { AppEvent } from '../contract/events.js';
import { appError, type Result } from '../contract/errors.js';
import {
  CSRF_HEADER,
  HTTP_PATHS,
  MAX_UPLOAD_BYTES,
  previewPage,
  SERVER_PATHS,
  UPLOAD_NAME_HEADER,
  type ServerIdentity,
} from '../contract/transport.js';
import type { Dispatch } from '../core/app/dispatch.js';
import {
  appContentSecurityPolicy,
  contentDisposition,
  FILE_CONTENT_SECURITY_POLICY,
} from '../host/security-headers.js';
import type { StoredFileRef } from '../core/app/stored-file.js';
import { toAppError } from '../core/errors/to-app-error.js';
import { AuthFailureLimiter, csrfMatches } from './request-guards.js';
import type { Caller, CallerContext, RequestAuth } from './request-auth.js';
import { failure, isJson, readJson, sendJson, sendText } from './http-io.js';
import { resolveStatic } from '../host/static-files.js';

export interface WebBackend {
  dispatch: Dispatch;
  subscribe(listener: AppEventListener): () => void;
  /**
   * A stored original by its id that the caller may read (rejects with a VanKhoError NOT_FOUND
   * otherwise); with `page`, what the preview shows of that page (a TIFF's page as a PNG).
   */
  storedFile(
    ctx: CallerContext,
    fileId: number,
    download: boolean,
    page?: number,
  ): StoredFileRef | Promise<StoredFileRef>;
  /** Streams an upload of the caller to its held uploads (its account's caps); returns the upload id. */
  receiveUpload(name: string, body: IncomingMessage, limit: number, ctx: CallerContext): Promise<string>;
  /** The file a finished export job of the caller wrote (NOT_FOUND otherwise). */
  exportFile(ctx: CallerContext, jobId: string): StoredFileRef | Promise<StoredFileRef>;
}

export interface WebServerOptions {
  backend: WebBackend;
  auth: RequestAuth;
  /** Address to listen on (default 127.0.0.1; server mode may take another). */
  listenHost?: string;
  /** 0 = any free port. */
  port: number;
  /** The URL printed once listening, from the port listened on. */
  urlOf(port: number): string;
  /** Server mode: answered at SERVER_PATHS.identity without a session (absent in web mode: 404 there). */
  identity?: ServerIdentity;
  /** HTTPS with these PEM files' contents (server mode). */
  tls?: { cert: Buffer; key: Buffer };
  rendererDir: string;
  /**
   * Most time a client may take to send a whole request, body included (default 10 min; `vankho serve
   * --request-timeout-s`): slower ones get 408 and the connection closed (a stalled upload cannot hold
   * the server's staging room and a socket for ever).
   */
  requestTimeoutMs?: number;
  /** Where one-line notices go (default console.error). */
  log?: (line: string) => void;
}

export interface RunningWebServer {
  port: number;
  /** The URL to open (web mode: http://127.0.0.1:PORT/#token=…). */
  url: string;
  close(): Promise<void>;
}

/** At most one log line per this interval for clients that hang up mid-body (counted meanwhile). */
const ABORT_LOG_INTERVAL_MS = 10_000;
const SSE_PING_MS = 15_000;
/** A client that sends its headers or body slower than this is cut off (slow-loris). */
const HEADERS_TIMEOUT_MS = 20_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 10 * 60_000;
const TIMEOUT_SWEEP_MS = 2_000;

const COMMON_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

export async function startWebServer(opts: WebServerOptions): Promise<RunningWebServer> {
  const limiter = new AuthFailureLimiter();
  const sseClients = new Set<ServerResponse>();
  let port = opts.port;
  const auth = opts.auth;
  /** Who started each job (from the answers carrying a jobId), so its events reach only them. */
  const jobOwners = new Map<string, string>();

  const aborts = new AbortLog(opts.log ?? ((line) => console.error(line)));

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((e: unknown) => {
      // A client that hung up mid-body (closed tab, cancelled upload) is not a server fault.
      if (isClientAbort(req, e)) {
        aborts.note(req);
        return void res.destroy();
      }
      const err = toAppError(e);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: err });
      else res.destroy();
    });
  };
  // Timeouts are enforced by a sweep every connectionsCheckingInterval (Node's default 30 s would let
  // a slow-loris client hold a connection up to 50 s instead of HEADERS_TIMEOUT_MS).
  const http = { connectionsCheckingInterval: TIMEOUT_SWEEP_MS };
  const server: Server = opts.tls
    ? (createTlsServer({ ...http, cert: opts.tls.cert, key: opts.tls.key }, onRequest) as unknown as Server)
    : createServer(http, onRequest);
  const requestTimeout = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  // Node wants the headers' bound within the whole request's.
  server.headersTimeout = Math.min(HEADERS_TIMEOUT_MS, requestTimeout);
  server.requestTimeout = requestTimeout;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [k, v] of Object.entries(COMMON_HEADERS)) res.setHeader(k, v);
    const host = req.headers.host;
    if (!auth.allowsHost(host, port)) return sendText(res, 403, 'Forbidden');
    if (!auth.allowsOrigin(req.headers.origin, host, port)) return sendText(res, 403, 'Forbidden');

    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const path = url.pathname;
    if (path === '/healthz') return sendText(res, 200, 'ok');
    if (path === SERVER_PATHS.identity && opts.identity && (req.method === 'GET' || req.method === 'HEAD')) {
      res.setHeader('cache-control', 'no-store');
      return sendJson(res, 200, opts.identity);
    }
    if (auth.route && (await auth.route(req, res, path))) return;

    const isData =
      path.startsWith(HTTP_PATHS.apiPrefix) ||
      path === HTTP_PATHS.upload ||
      path.startsWith(HTTP_PATHS.filesPrefix) ||
      path.startsWith(HTTP_PATHS.exportsPrefix) ||
      path === HTTP_PATHS.events;
    if (!isData) return serveStatic(req, res, path);

    // The credential first: a request carrying a valid one is never limited, whatever other clients did.
    const identified = await auth.identify(req, url);
    if (!identified) {
      const client = req.socket.remoteAddress ?? '';
      if (limiter.blocked(client)) return sendText(res, 429, 'Too Many Requests');
      limiter.record(client);
      return sendJson(res, 401, { ok: false, error: appError('UNAUTHORIZED') });
    }
    if (req.method === 'POST' && !csrfMatches(req.headers[CSRF_HEADER], identified.csrfToken))
      return sendJson(res, 403, { ok: false, error: appError('FORBIDDEN') });
    const caller = identified.ctx;
    if (path.startsWith(HTTP_PATHS.apiPrefix)) {
      if (req.method !== 'POST') return sendText(res, 405, 'Method Not Allowed', { allow: 'POST' });
      if (!isJson(req)) return sendJson(res, 415, failure(appError('INVALID_INPUT', 'content-type')));
      const method = path.slice(HTTP_PATHS.apiPrefix.length);
      const body = await readJson(req);
      if (!body.ok) return sendJson(res, 400, body);
      const input = (body.value as { input?: unknown } | null)?.input;
      const result = await opts.backend.dispatch(method, input ?? {}, {
        ...caller,
        signal: abortedWith(res),
      });
      noteJobOwner(caller, result);
      return sendJson(res, 200, result);
    }
    if (path === HTTP_PATHS.upload) {
      if (req.method !== 'POST') return sendText(res, 405, 'Method Not Allowed', { allow: 'POST' });
      const rawName = req.headers[UPLOAD_NAME_HEADER];
      let name: string;
      try {
        name = typeof rawName === 'string' ? decodeURIComponent(rawName) : '';
      } catch {
        name = '';
      }
      if (name === '') return sendJson(res, 400, failure(appError('INVALID_INPUT', UPLOAD_NAME_HEADER)));
      const declared = Number(req.headers['content-length'] ?? '0');
      if (declared > MAX_UPLOAD_BYTES) return sendJson(res, 413, failure(appError('FILE_TOO_LARGE', name)));
      try {
        const uploadId = await opts.backend.receiveUpload(name, req, MAX_UPLOAD_BYTES, caller);
        return sendJson(res, 200, { ok: true, value: { uploadId } });
      } catch (e) {
        if (isClientAbort(req, e)) throw e;
        return sendJson(res, 200, failure(toAppError(e)));
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method Not Allowed');
    if (path === HTTP_PATHS.events) return openEventStream(req, res, identified);
    if (path.startsWith(HTTP_PATHS.filesPrefix)) {
      const rest = path.slice(HTTP_PATHS.filesPrefix.length);
      // Only a plain decimal id; anything else (encoded slashes, dots, names) never reaches the store.
      if (!/^[1-9][0-9]{0,15}$/.test(rest)) return sendText(res, 404, 'Not Found');
      const page = previewPage(url.searchParams.get('page'));
      return sendStored(
        req,
        res,
        (download) =>
          page === undefined
            ? opts.backend.storedFile(caller, Number(rest), download)
            : opts.backend.storedFile(caller, Number(rest), download, page),
        url.searchParams.get('download') === '1',
      );
    }
    const jobId = path.slice(HTTP_PATHS.exportsPrefix.length);
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(jobId)) return sendText(res, 404, 'Not Found');
    return sendStored(req, res, () => opts.backend.exportFile(caller, jobId), true);
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, path: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method Not Allowed');
    const file = resolveStatic(opts.rendererDir, path);
    if (!file) {
      return sendText(
        res,
        404,
        path === '/' ? 'renderer/dist missing: run `npm run build:renderer` first.' : 'Not Found',
      );
    }
    res.statusCode = 200;
    res.setHeader('content-type', file.contentType);
    res.setHeader('content-length', String(file.size));
    res.setHeader('cache-control', file.isIndex ? 'no-store' : 'no-cache');
    if (file.isIndex) res.setHeader('content-security-policy', appContentSecurityPolicy());
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file.path).pipe(res);
  }

  async function sendStored(
    req: IncomingMessage,
    res: ServerResponse,
    resolveRef: (download: boolean) => StoredFileRef | Promise<StoredFileRef>,
    download: boolean,
  ): Promise<void> {
    let ref: StoredFileRef;
    try {
      ref = await resolveRef(download);
    } catch (e) {
      const err = toAppError(e);
      return sendJson(
        res,
        err.code === 'NOT_FOUND' || err.code === 'NO_ARCHIVE_OPEN' ? 404 : 500,
        failure(err),
      );
    }
    res.statusCode = 200;
    res.setHeader('content-type', ref.mediaType);
    res.setHeader('content-length', String(ref.size));
    res.setHeader('content-disposition', contentDisposition(download ? 'attachment' : 'inline', ref.name));
    res.setHeader('content-security-policy', FILE_CONTENT_SECURITY_POLICY);
    res.setHeader('cache-control', 'private, no-cache');
    if (req.method === 'HEAD') return void res.end();
    const stream = createReadStream(ref.path);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  /**
   * A call that started a job answers its jobId; the job's events then reach its starter (mayReceive).
   * The worker posts that answer before the job's first event, over the same port.
   */
  function noteJobOwner(caller: CallerContext, result: Result<unknown>): void {
    if (caller.actor.kind !== 'account' || !result.ok) return;
    const jobId = (result.value as { jobId?: unknown } | null)?.jobId;
    if (typeof jobId === 'string') jobOwners.set(jobId, caller.actor.id);
  }

  /**
   * Events a caller may see: a job's progress and end only to whoever started it (and admins, and the
   * local person); archive changes carry no document, so everyone signed in gets them; menu commands
   * are the desktop's and never reach an account.
   */
  function mayReceive(caller: Caller, event: AppEvent): boolean {
    const actor = caller.ctx.actor;
    if (actor.kind === 'local') return true;
    if (event.type === 'menuCommand') return false;
    if ('jobId' in event) return actor.role === 'admin' || jobOwners.get(event.jobId) === actor.id;
    return true;
  }

  /**
   * An archive change carries the whole archive's counts; an account that may not read everything
   * gets them blanked (its UI asks archiveInfo, which counts what it may read).
   */
  function shownTo(caller: Caller, event: AppEvent): AppEvent {
    const actor = caller.ctx.actor;
    if (
      event.type !== 'archiveChanged' ||
      !event.archive ||
      actor.kind === 'local' ||
      actor.role === 'admin'
    ) {
      return event;
    }
    return { ...event, archive: { ...event.archive, documentCount: 0, fileCount: 0, totalBytes: 0 } };
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse, caller: Caller): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    sseClients.add(res);
    const unsubscribe = opts.backend.subscribe((event) => {
      if (mayReceive(caller, event)) res.write(`data: ${JSON.stringify(shownTo(caller, event))}\n\n`);
    });
    const ping = setInterval(() => res.write(': ping\n\n'), SSE_PING_MS);
    const stop = (): void => {
      clearInterval(ping);
      unsubscribe();
      sseClients.delete(res);
    };
    req.on('close', stop);
    res.on('close', stop);
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.listenHost ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    url: opts.urlOf(port),
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const c of sseClients) c.end();
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

/** Aborted when the client goes away before its answer (the request's part of the context). */
function abortedWith(res: ServerResponse): AbortSignal {
  const c = new AbortController();
  res.once('close', () => {
    if (!res.writableEnded) c.abort();
  });
  return c.signal;
}

function isClientAbort(req: IncomingMessage, e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return (
    (!req.complete && (req.destroyed || req.socket.destroyed)) ||
    code === 'ECONNRESET' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE'
  );
}

/** One line per ABORT_LOG_INTERVAL_MS for aborted request bodies, with how many were not shown. */
class AbortLog {
  private last = -Infinity;
  private unreported = 0;
  constructor(private readonly log: (line: string) => void) {}

  note(req: IncomingMessage): void {
    const now = Date.now();
    if (now - this.last < ABORT_LOG_INTERVAL_MS) {
      this.unreported++;
      return;
    }
    this.last = now;
    const more = this.unreported > 0 ? ` (+${this.unreported} more since the last notice)` : '';
    this.unreported = 0;
    const path = (req.url ?? '').split('?')[0]!.slice(0, 100);
    this.log(`VanKho web: client closed the connection during ${req.method ?? '?'} ${path}${more}`);
  }
}
