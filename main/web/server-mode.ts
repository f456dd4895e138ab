// Server mode (`vankho serve`, issue 14) = the host worker on one archive + the same HTTP server as
// web mode, with accounts instead of the token: sign-in, session cookies, CSRF, per-account access.
// It refuses to start without an administrator; beyond this machine it speaks HTTPS (a self-signed certificate unless given one).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { appError } from '../contract/errors.js';
import { SERVER_PROTOCOL } from '../contract/transport.js';
import { DB_FILE_NAME } from '../core/archive/archive.js';
import { appVersion } from '../core/export/app-version.js';
import { VanKhoError } from '../core/errors/vankho-error.js';
import { openAdminChannel, type AdminChannel } from '../host/admin-channel.js';
import { defaultRendererDir } from '../host/app-paths.js';
import { startHostWorker, type HostClient } from '../host/host-client.js';
import type { AccountUploadLimits } from '../host/upload-store.js';
import { isLoopback, sessionAuth } from './session-auth.js';
import { serveHostWorker } from './web-mode.js';
import type { RunningWebServer } from './web-server.js';

export interface ServerModeOptions {
  archiveDir: string;
  listenHost: string;
  port: number;
  tlsCert?: string;
  tlsKey?: string;
  /**
   * `--self-signed`: HTTPS with the archive's own certificate, made on the first start (self-signed.ts);
   * also the default beyond loopback when no TLS files are given (`serveTransport`).
   */
  selfSigned?: boolean;
  /** Plain HTTP on a non-loopback address (a trusted office network only): the opt-out of the automatic self-signed certificate. */
  insecureHttp?: boolean;
  hostNames?: readonly string[];
  rendererDir?: string;
  /** `--account-upload-mib/-files`: what one account may hold uploaded and not yet imported. */
  accountUploadLimits?: AccountUploadLimits;
  /** `--request-timeout-s`: most time a client may take to send a request, body included (web-server.ts). */
  requestTimeoutMs?: number;
  /** `--admin NAME`: the first administrator, made before serving. */
  admin?: { username: string; password: string };
}

export interface ServerMode {
  client: HostClient;
  server: RunningWebServer;
  /** Serving with the self-signed certificate: its SHA-256 fingerprint, and whether this start made it. */
  selfSigned?: { fingerprint: string; created: boolean };
  stop(): Promise<void>;
}

type TransportOptions = Pick<
  ServerModeOptions,
  'listenHost' | 'tlsCert' | 'tlsKey' | 'insecureHttp' | 'selfSigned'
>;

/** Why these options may not serve (vi / en), or null. */
export function listenRefusal(o: TransportOptions): string | null {
  if ((o.tlsCert === undefined) !== (o.tlsKey === undefined))
    return '--tls-cert và --tls-key phải đi cùng nhau / --tls-cert and --tls-key go together';
  if (o.selfSigned && o.tlsCert !== undefined)
    return '--self-signed hoặc --tls-cert/--tls-key, không cả hai / --self-signed or --tls-cert/--tls-key, not both';
  if (o.selfSigned && o.insecureHttp)
    return '--self-signed hoặc --insecure-http, không cả hai / --self-signed or --insecure-http, not both';
  return null;
}

/**
 * How the server speaks, for options `listenRefusal` accepts: the given TLS files; else the archive's
 * self-signed certificate when asked, or by default beyond loopback (passwords must not cross the network
 * in clear: issue 14's "self-signed certificate generated on first start when no TLS files are given");
 * plain HTTP only on loopback (the checks' `http://127.0.0.1` URL) or with `--insecure-http`.
 */
export function serveTransport(o: TransportOptions): 'tls-files' | 'self-signed' | 'plain-http' {
  if (o.tlsCert !== undefined) return 'tls-files';
  if (o.selfSigned) return 'self-signed';
  return isLoopback(o.listenHost) || o.insecureHttp ? 'plain-http' : 'self-signed';
}

/** The URL clients open: the listen address, or this machine's loopback when listening on every interface. */
function urlOf(listenHost: string, port: number, secure: boolean): string {
  const host =
    listenHost === '0.0.0.0'
      ? '127.0.0.1'
      : listenHost === '::'
        ? '[::1]'
        : listenHost.includes(':')
          ? `[${listenHost}]`
          : listenHost;
  return `${secure ? 'https' : 'http'}://${host}:${port}/`;
}

export async function startServerMode(opts: ServerModeOptions): Promise<ServerMode> {
  const refused = listenRefusal(opts);
  if (refused) throw new VanKhoError(appError('INVALID_INPUT', refused));
  const archiveDir = resolve(opts.archiveDir);
  const transport = serveTransport(opts);
  // The certificate code (x509 and its metadata shim, ~0.2 s to load) is read only when a certificate
  // is made: every other CLI command loads this module too.
  const own =
    transport === 'self-signed'
      ? await import('./self-signed.js').then((m) =>
          m.selfSignedFor(archiveDir, m.certificateNames(opts.listenHost, opts.hostNames ?? [])),
        )
      : undefined;
  const tls =
    opts.tlsCert !== undefined && opts.tlsKey !== undefined
      ? { cert: readFileSync(opts.tlsCert), key: readFileSync(opts.tlsKey) }
      : own
        ? { cert: own.cert, key: own.key }
        : undefined;
  const client = await startHostWorker({
    host: 'web',
    samplesDir: null,
    archiveDir,
    create: !existsSync(join(archiveDir, DB_FILE_NAME)),
    ...(opts.accountUploadLimits ? { accountUploadLimits: opts.accountUploadLimits } : {}),
  });
  try {
    if (opts.admin) await client.op('addAdmin', opts.admin.username, opts.admin.password);
    if ((await client.op('adminCount')) === 0) {
      throw new VanKhoError(appError('SERVER_NO_ADMIN', archiveDir));
    }
  } catch (e) {
    await client.stop();
    throw e;
  }
  const secure = tls !== undefined;
  const { server, stop } = await serveHostWorker(client, {
    auth: sessionAuth({
      backend: {
        login: (u, p, address) => client.op('login', u, p, address),
        session: (token) => client.op('session', token),
        logout: (token, address) => client.op('logout', token, address),
      },
      listenHost: opts.listenHost,
      hostNames: opts.hostNames ?? [],
      secure,
    }),
    listenHost: opts.listenHost,
    port: opts.port,
    urlOf: (port) => urlOf(opts.listenHost, port, secure),
    identity: { product: 'VanKho', mode: 'server', version: appVersion(), protocol: SERVER_PROTOCOL },
    rendererDir: opts.rendererDir ?? defaultRendererDir,
    ...(tls ? { tls } : {}),
    ...(opts.requestTimeoutMs !== undefined ? { requestTimeoutMs: opts.requestTimeoutMs } : {}),
  });
  // `vankho users …` beside the running server: its calls come here instead of a second writer.
  let channel: AdminChannel;
  try {
    channel = await openAdminChannel(archiveDir, client.dispatch);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    client,
    server,
    async stop() {
      await channel.close();
      await stop();
    },
    ...(own ? { selfSigned: { fingerprint: own.fingerprint, created: own.created } } : {}),
  };
}
