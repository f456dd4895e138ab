// "Kết nối kho dùng chung" (issue 14): the desktop app working on a `vankho serve` instead of a
// local archive. Everything here is plain Node so it is tested against a real server; the Electron
// adapter (main/electron/shared-window.ts) only asks the user and loads the page.
//
// Trust: a server with a certificate the system trusts (office CA) needs nothing; a self-signed one
// is trusted on first use — the user compares its SHA-256 fingerprint with the one `serve` printed —
// and pinned: from then on exactly that certificate is accepted for that address, and a different
// one is refused (SHARED_CERT_CHANGED) rather than offered again.
import { X509Certificate } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { appError } from '../contract/errors.js';
import { SERVER_PATHS, SERVER_PROTOCOL, type ServerIdentity } from '../contract/transport.js';
import { VanKhoError } from '../core/errors/vankho-error.js';

/** A shared archive the app connects to, as kept in the recent list. */
export interface SharedServer {
  /** The server's origin with a trailing slash, e.g. `https://kho.ubnd.local:8443/`. */
  url: string;
  /** The pinned certificate's SHA-256 (Node's `AA:BB:…` form); null when the system trusts it, or plain loopback HTTP. */
  fingerprint: string | null;
}

export type ProbeOutcome =
  /** Nothing to ask: loopback HTTP, a certificate the system trusts, or the pinned one. */
  | { kind: 'ready'; server: SharedServer; identity: ServerIdentity }
  /** A certificate nobody vouches for, met for the first time: the user compares this fingerprint. */
  | { kind: 'confirm'; server: SharedServer & { fingerprint: string }; identity: ServerIdentity };

const PROBE_TIMEOUT_MS = 10_000;
const MAX_IDENTITY_BYTES = 4_096;
const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])$/i;

const fail = (code: Parameters<typeof appError>[0], detail?: string): VanKhoError =>
  new VanKhoError(appError(code, detail));

/**
 * The server's origin from what the user typed: a URL as `serve` prints it, or `host:port` (then
 * HTTPS). Plain HTTP only to this machine: the sign-in password must not cross a network in clear.
 */
export function parseServerAddress(typed: string): URL {
  const text = typed.trim();
  if (text === '' || text.length > 300 || /\s/.test(text)) throw fail('SHARED_ADDRESS_INVALID', text);
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw fail('SHARED_ADDRESS_INVALID', text);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw fail('SHARED_ADDRESS_INVALID', text);
  if (url.username !== '' || url.password !== '' || url.hostname === '')
    throw fail('SHARED_ADDRESS_INVALID', text);
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) throw fail('SHARED_INSECURE', url.host);
  return new URL(url.origin + '/');
}

/** The SHA-256 fingerprint (`AA:BB:…`) of a PEM or DER certificate, as `serve` prints it. */
export function certificateFingerprint(cert: string | Buffer): string {
  return new X509Certificate(cert).fingerprint256;
}

/** Fingerprints compare without regard to case or separators (a user may type `aabb…`). */
export function sameFingerprint(a: string, b: string): boolean {
  const norm = (f: string): string => f.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return norm(a).length === 64 && norm(a) === norm(b);
}

/**
 * What the window's certificate check answers for a page of `server` reached at `hostname`:
 * exactly the pinned certificate, or the system's own verdict where nothing is pinned.
 * Another host is none of ours: the system decides.
 */
export function certificateVerdict(
  server: SharedServer,
  hostname: string,
  certPem: string,
): 'accept' | 'reject' | 'system' {
  const host = new URL(server.url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (hostname.replace(/^\[|\]$/g, '').toLowerCase() !== host) return 'system';
  if (server.fingerprint === null) return 'system';
  try {
    return sameFingerprint(certificateFingerprint(certPem), server.fingerprint) ? 'accept' : 'reject';
  } catch {
    return 'reject';
  }
}

/** The TLS handshake alone: the certificate offered and whether the system's CAs vouch for it (name included). */
function peerCertificate(
  url: URL,
  timeoutMs: number,
  ca: Buffer | undefined,
): Promise<{ fingerprint: string; trusted: boolean }> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const socket: TLSSocket = tlsConnect({
      host,
      port: Number(url.port || 443),
      ...(isIP(host) === 0 ? { servername: host } : {}),
      rejectUnauthorized: false,
      ...(ca ? { ca } : {}),
    });
    socket.setTimeout(timeoutMs);
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      socket.end();
      if (!cert.raw) return reject(fail('SHARED_NOT_VANKHO', `${url.host}: no certificate`));
      resolve({ fingerprint: certificateFingerprint(cert.raw), trusted: socket.authorized });
    });
    socket.once('timeout', () => socket.destroy(fail('SHARED_UNREACHABLE', `${url.host}: timeout`)));
    socket.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e instanceof VanKhoError
          ? e
          : // A TLS handshake refused by something that is not TLS (plain HTTP on the port) lands here too.
            fail('SHARED_UNREACHABLE', `${url.host}: ${e.code ?? e.message}`),
      ),
    );
  });
}

/** GET the identity route; under TLS only over a connection showing the certificate already judged. */
function fetchIdentity(url: URL, fingerprint: string | null, timeoutMs: number): Promise<ServerIdentity> {
  const target = new URL(SERVER_PATHS.identity, url);
  return new Promise((resolve, reject) => {
    const onResponse = (res: IncomingMessage): void => {
      if (fingerprint !== null) {
        const raw = (res.socket as TLSSocket).getPeerCertificate?.().raw;
        if (!raw || !sameFingerprint(certificateFingerprint(raw), fingerprint)) {
          res.destroy();
          return reject(fail('SHARED_CERT_CHANGED', url.host));
        }
      }
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
        if (body.length > MAX_IDENTITY_BYTES) res.destroy(fail('SHARED_NOT_VANKHO', `${url.host}: too long`));
      });
      res.on('error', reject);
      res.on('end', () => {
        const identity = parseIdentity(res.statusCode ?? 0, res.headers['content-type'], body);
        if (!identity) return reject(fail('SHARED_NOT_VANKHO', `${url.host}: HTTP ${res.statusCode ?? '?'}`));
        if (identity.protocol > SERVER_PROTOCOL) return reject(fail('SHARED_TOO_NEW', identity.version));
        resolve(identity);
      });
    };
    const options = { method: 'GET', agent: false as const, timeout: timeoutMs };
    const req =
      url.protocol === 'https:'
        ? httpsRequest(target, { ...options, rejectUnauthorized: false }, onResponse)
        : httpRequest(target, options, onResponse);
    req.once('timeout', () => req.destroy(fail('SHARED_UNREACHABLE', `${url.host}: timeout`)));
    req.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e instanceof VanKhoError ? e : fail('SHARED_UNREACHABLE', `${url.host}: ${e.code ?? e.message}`),
      ),
    );
    req.end();
  });
}

function parseIdentity(status: number, type: string | undefined, body: string): ServerIdentity | null {
  if (status !== 200 || !/^application\/json/i.test(type ?? '')) return null;
  try {
    const v = JSON.parse(body) as Partial<ServerIdentity> | null;
    if (v?.product !== 'VanKho' || v.mode !== 'server') return null;
    if (typeof v.version !== 'string' || typeof v.protocol !== 'number') return null;
    return { product: 'VanKho', mode: 'server', version: v.version.slice(0, 40), protocol: v.protocol };
  } catch {
    return null;
  }
}

export interface ProbeOptions {
  /** The fingerprint pinned for this address at an earlier connection, if any. */
  pinned?: string | null;
  timeoutMs?: number;
  /** Tests: CAs to trust instead of the system's (a client of an office CA). */
  ca?: Buffer;
}

/**
 * Asks the server at `address` what it is, and judges its certificate: 'ready' to load, 'confirm'
 * a first-met self-signed certificate with the user; SHARED_CERT_CHANGED when a pinned address
 * shows another certificate, SHARED_NOT_VANKHO / SHARED_UNREACHABLE / SHARED_TOO_NEW otherwise.
 */
export async function probeSharedServer(
  address: string | URL,
  opts: ProbeOptions = {},
): Promise<ProbeOutcome> {
  const url = typeof address === 'string' ? parseServerAddress(address) : address;
  const timeoutMs = opts.timeoutMs ?? PROBE_TIMEOUT_MS;
  const pinned = opts.pinned ?? null;
  if (url.protocol === 'http:') {
    const identity = await fetchIdentity(url, null, timeoutMs);
    return { kind: 'ready', server: { url: url.href, fingerprint: null }, identity };
  }
  const peer = await peerCertificate(url, timeoutMs, opts.ca);
  if (pinned !== null && !sameFingerprint(peer.fingerprint, pinned)) {
    throw fail('SHARED_CERT_CHANGED', `${url.host}: ${pinned} → ${peer.fingerprint}`);
  }
  // The identity is public; over an unvouched connection it is read only to show the user what answered.
  const identity = await fetchIdentity(url, peer.fingerprint, timeoutMs);
  if (pinned !== null) return { kind: 'ready', server: { url: url.href, fingerprint: pinned }, identity };
  if (peer.trusted) return { kind: 'ready', server: { url: url.href, fingerprint: null }, identity };
  return { kind: 'confirm', server: { url: url.href, fingerprint: peer.fingerprint }, identity };
}

export interface ConnectDeps {
  /** Where pins live (the recent list). */
  recent: {
    shared(url: string): SharedServer | null;
    addShared(server: SharedServer): void;
  };
  /** Asks the user to compare a first-met certificate's fingerprint; true = trust it. */
  confirm(server: SharedServer & { fingerprint: string }, identity: ServerIdentity): Promise<boolean>;
  /** Loads the server's UI (the window, with a session accepting exactly `server.fingerprint`). */
  open(server: SharedServer): void | Promise<void>;
  probe?: ProbeOptions;
}

/**
 * "Kết nối kho dùng chung": probe the address with its pin (if any), let the user confirm a
 * first-met certificate, pin and list it, then open it. Nothing is stored or opened on a refusal.
 */
export async function connectShared(address: string, deps: ConnectDeps): Promise<{ connected: boolean }> {
  const url = parseServerAddress(address);
  const pinned = deps.recent.shared(url.href)?.fingerprint ?? null;
  const outcome = await probeSharedServer(url, { ...deps.probe, pinned });
  if (outcome.kind === 'confirm' && !(await deps.confirm(outcome.server, outcome.identity))) {
    return { connected: false };
  }
  deps.recent.addShared(outcome.server);
  await deps.open(outcome.server);
  return { connected: true };
}
