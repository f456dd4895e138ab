// Web mode's loopback HTTP server: the renderer build, the contract (POST /api/<method>), uploads,
// originals and exports by id, and events over SSE. Only translation happens here; requests go to
// the same dispatch function the Electron IPC adapter uses.
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppEventListener } from '../contract/events.js';
import { appError, type AppError, type Result } from '../contract/errors.js';
import { HTTP_PATHS, MAX_UPLOAD_BYTES, UPLOAD_NAME_HEADER } from '../contract/transport.js';
import type { Dispatch } from '../core/app/dispatch.js';
import { LOCAL_ACTOR, type RequestContext } from '../contract/request-context.js';
import {
  appContentSecurityPolicy,
  contentDisposition,
  FILE_CONTENT_SECURITY_POLICY,
} from '../host/security-headers.js';
import type { StoredFileRef } from '../core/app/stored-file.js';
import { toAppError } from '../core/errors/to-app-error.js';
import {
  AuthFailureLimiter,
  isAllowedHost,
  isAllowedOrigin,
  tokenMatches,
  tokenOf,
} from './request-guards.js';
import { resolveStatic } from '../host/static-files.js';

export interface WebBackend {
  dispatch: Dispatch;
  subscribe(listener: AppEventListener): () => void;
  /** A stored original by its id that the caller may read (rejects with a VanKhoError NOT_FOUND otherwise). */
  storedFile(ctx: CallerContext, fileId: number, download: boolean): StoredFileRef | Promise<StoredFileRef>;
  receiveUpload(name: string, body: IncomingMessage, limit: number): Promise<string>;
  /** The file a finished export job of the caller wrote (NOT_FOUND otherwise). */
  exportFile(ctx: CallerContext, jobId: string): StoredFileRef | Promise<StoredFileRef>;
}

/** Who asks, without the signal (it stays with the HTTP request). */
export type CallerContext = Omit<RequestContext, 'signal'>;

export interface WebServerOptions {
  backend: WebBackend;
  token: string;
  /** 0 = any free port. */
  port: number;
  rendererDir: string;
  /** Where one-line notices go (default console.error). */
  log?: (line: string) => void;
}

export interface RunningWebServer {
  port: number;
  /** The URL to open: http://127.0.0.1:PORT/#token=… */
  url: string;
  close(): Promise<void>;
}

const MAX_JSON_BODY = 4 * 1024 * 1024;
/**
 * Deepest nesting of a request body. Contract inputs are a few levels deep; JSON.parse itself copes
 * with any depth, but everything after it recurses (structured clone to the host worker, zod), and a
 * body nested 100,000 deep would overflow the stack there as an INTERNAL error.
 */
export const MAX_JSON_DEPTH = 64;
/** At most one log line per this interval for clients that hang up mid-body (counted meanwhile). */
const ABORT_LOG_INTERVAL_MS = 10_000;
const SSE_PING_MS = 15_000;

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

  const aborts = new AbortLog(opts.log ?? ((line) => console.error(line)));

  const server: Server = createServer((req, res) => {
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
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [k, v] of Object.entries(COMMON_HEADERS)) res.setHeader(k, v);
    if (!isAllowedHost(req.headers.host, port)) return sendText(res, 403, 'Forbidden');
    const origin = req.headers.origin;
    if (!isAllowedOrigin(origin, port)) return sendText(res, 403, 'Forbidden');

    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const path = url.pathname;
    if (path === '/healthz') return sendText(res, 200, 'ok');

    const isData =
      path.startsWith(HTTP_PATHS.apiPrefix) ||
      path === HTTP_PATHS.upload ||
      path.startsWith(HTTP_PATHS.filesPrefix) ||
      path.startsWith(HTTP_PATHS.exportsPrefix) ||
      path === HTTP_PATHS.events;
    if (!isData) return serveStatic(req, res, path);

    // The token first: a request carrying it is never limited, whatever other clients did.
    const allowQuery = req.method === 'GET';
    if (!tokenMatches(tokenOf(req.headers.authorization, url, allowQuery), opts.token)) {
      const client = req.socket.remoteAddress ?? '';
      if (limiter.blocked(client)) return sendText(res, 429, 'Too Many Requests');
      limiter.record(client);
      return sendJson(res, 401, { ok: false, error: appError('UNAUTHORIZED') });
    }

    const caller: CallerContext = {
      actor: LOCAL_ACTOR,
      ...(req.socket.remoteAddress ? { remoteAddress: req.socket.remoteAddress } : {}),
    };
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
        const uploadId = await opts.backend.receiveUpload(name, req, MAX_UPLOAD_BYTES);
        return sendJson(res, 200, { ok: true, value: { uploadId } });
      } catch (e) {
        if (isClientAbort(req, e)) throw e;
        return sendJson(res, 200, failure(toAppError(e)));
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method Not Allowed');
    if (path === HTTP_PATHS.events) return openEventStream(req, res);
    if (path.startsWith(HTTP_PATHS.filesPrefix)) {
      const rest = path.slice(HTTP_PATHS.filesPrefix.length);
      // Only a plain decimal id; anything else (encoded slashes, dots, names) never reaches the store.
      if (!/^[1-9][0-9]{0,15}$/.test(rest)) return sendText(res, 404, 'Not Found');
      return sendStored(
        req,
        res,
        (download) => opts.backend.storedFile(caller, Number(rest), download),
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

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    sseClients.add(res);
    const unsubscribe = opts.backend.subscribe((event) => {
      res.write(`data: ${JSON.stringify(event)}\n\n`);
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
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    url: `http://127.0.0.1:${port}/#token=${opts.token}`,
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

function failure(error: AppError): Result<never> {
  return { ok: false, error };
}

function isJson(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}

async function readJson(req: IncomingMessage): Promise<Result<unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BODY) return failure(appError('INVALID_INPUT', 'body too large'));
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH))
    return failure(appError('INPUT_TOO_DEEP', `> ${MAX_JSON_DEPTH}`));
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return failure(appError('INVALID_INPUT', 'json'));
  }
}

/** Whether brackets nest deeper than max outside strings (a linear scan, no recursion). */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
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

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('content-length', String(Buffer.byteLength(text)));
  res.end(text);
}

function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.end(text);
}
