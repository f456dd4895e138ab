// Web mode = the app host + the loopback HTTP server over it. Used by `npm run web` and by tests.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DB_FILE_NAME } from '../core/archive/archive.js';
import { startAppHost, type AppHost } from '../index.js';
import { defaultRendererDir, defaultSamplesDir } from '../host/app-paths.js';
import { startWebServer, type RunningWebServer } from './web-server.js';

export interface WebModeOptions {
  archiveDir?: string;
  port?: number;
  token?: string;
  rendererDir?: string;
  samplesDir?: string | null;
}

export interface WebMode {
  host: AppHost;
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
  const host = await startAppHost({
    host: 'web',
    samplesDir: opts.samplesDir === undefined ? defaultSamplesDir() : opts.samplesDir,
    ...(archiveDir !== undefined ? { archiveDir, create: !existsSync(join(archiveDir, DB_FILE_NAME)) } : {}),
  });
  let server: RunningWebServer;
  try {
    server = await startWebServer({
      token,
      port: opts.port ?? 0,
      rendererDir: opts.rendererDir ?? defaultRendererDir,
      backend: {
        dispatch: host.dispatch,
        subscribe: (l) => host.events.subscribe(l),
        storedFile: (id) => host.service.storedFile(id),
        exportFile: (jobId) => host.service.exportFile(jobId),
        receiveUpload: (name, body, limit) => host.service.receiveUpload(name, body, limit),
      },
    });
  } catch (e) {
    await host.stop();
    throw e;
  }
  return {
    host,
    server,
    token,
    async stop() {
      await server.close();
      await host.stop();
    },
  };
}
