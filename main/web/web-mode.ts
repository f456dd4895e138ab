// Web mode = the host worker (archive + search off the server's event loop) + the loopback HTTP
// server in front of it. Used by `npm run web` and by tests.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { appError } from '../contract/errors.js';
import { DB_FILE_NAME } from '../core/archive/archive.js';
import { VanKhoError } from '../core/errors/vankho-error.js';
import { defaultRendererDir, defaultSamplesDir } from '../host/app-paths.js';
import { startHostWorker, type HostClient } from '../host/host-client.js';
import { UploadStore } from '../host/upload-store.js';
import { MAX_SESSION_UPLOAD_BYTES } from '../contract/transport.js';
import { uploadOwnerOf } from '../core/app/ports.js';
import type { CallerContext } from './request-auth.js';
import { startWebServer, type RunningWebServer, type WebServerOptions } from './web-server.js';
import { tokenAuth } from './request-auth.js';

export interface WebModeOptions {
  archiveDir?: string;
  port?: number;
  token?: string;
  rendererDir?: string;
  samplesDir?: string | null;
  /** Session upload cap (default MAX_SESSION_UPLOAD_BYTES; tests set less). */
  maxSessionUploadBytes?: number;
}

export interface WebMode {
  client: HostClient;
  server: RunningWebServer;
  token: string;
  stop(): Promise<void>;
}

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,200}$/;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export async function startWebMode(opts: WebModeOptions = {}): Promise<WebMode> {
  const token = opts.token ?? newToken();
  if (!TOKEN_PATTERN.test(token)) throw new Error('token: at least 16 characters of [A-Za-z0-9_-]');
  const archiveDir = opts.archiveDir === undefined ? undefined : resolve(opts.archiveDir);
  const client = await startHostWorker({
    host: 'web',
    samplesDir: opts.samplesDir === undefined ? defaultSamplesDir() : opts.samplesDir,
    ...(archiveDir !== undefined ? { archiveDir, create: !existsSync(join(archiveDir, DB_FILE_NAME)) } : {}),
    ...(opts.maxSessionUploadBytes !== undefined
      ? { maxSessionUploadBytes: opts.maxSessionUploadBytes }
      : {}),
  });
  const { server, stop } = await serveHostWorker(client, {
    auth: tokenAuth(token),
    urlOf: (port) => `http://127.0.0.1:${port}/#token=${token}`,
    port: opts.port ?? 0,
    rendererDir: opts.rendererDir ?? defaultRendererDir,
  });
  return { client, server, token, stop };
}

/**
 * The HTTP server in front of a started host worker (web and server mode alike); stops the worker
 * too when the server cannot start.
 */
export async function serveHostWorker(
  client: HostClient,
  opts: Omit<WebServerOptions, 'backend'>,
): Promise<{ server: RunningWebServer; stop(): Promise<void> }> {
  // Upload bodies stream to disk here (the HTTP request lives on this thread), then the worker adopts the
  // file. The caps are the worker's store's (it holds the uploads until imported); this staging store has
  // none of its own per account, it counts each account's bodies in flight against the room it was given.
  const incoming = new UploadStore(tmpdir(), MAX_SESSION_UPLOAD_BYTES, { bytes: Infinity, files: Infinity });
  const receiveUpload = async (
    name: string,
    body: IncomingMessage,
    limit: number,
    ctx: CallerContext,
  ): Promise<string> => {
    const room = await client.op('uploadRoom', ctx);
    // Refused before reading the body when its declared length is already too much: the answer
    // then reaches the client (a body cut mid-stream resets the connection instead).
    const declared = Number(body.headers['content-length'] ?? NaN);
    if (declared > room.bytes || room.files < 1) {
      const code = room.bound === 'account' || room.files < 1 ? 'ACCOUNT_UPLOAD_LIMIT' : 'UPLOAD_LIMIT';
      throw new VanKhoError(
        appError(code, `${declared} bytes, ${room.bytes} bytes / ${room.files} files of room left`),
      );
    }
    const staged = await incoming.putStream(name, body, limit, room, uploadOwnerOf(ctx.actor));
    try {
      const [path] = incoming.pathsOf([staged]);
      return await client.op('adoptUpload', name, path!, ctx);
    } finally {
      await incoming.release([staged]);
    }
  };
  let server: RunningWebServer;
  try {
    server = await startWebServer({
      ...opts,
      backend: {
        dispatch: client.dispatch,
        subscribe: (l) => client.subscribe(l),
        storedFile: (ctx, id, download, page) => client.op('storedFile', ctx, id, download, page),
        exportFile: (ctx, jobId) => client.op('exportFile', ctx, jobId),
        receiveUpload,
      },
    });
  } catch (e) {
    incoming.dispose();
    await client.stop();
    throw e;
  }
  return {
    server,
    async stop() {
      await server.close();
      await client.stop();
      incoming.dispose();
    },
  };
}
