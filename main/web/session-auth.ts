// Server mode's RequestAuth (`vankho serve`, issue 14): accounts sign in with POST /api/login and
// get an HttpOnly SameSite=Strict session cookie (Secure under TLS); every POST but login and whoami
// must also carry the session's CSRF token in a header. Sign-in attempts are limited per client
// address (on top of the per-account lockout in the core), so one machine cannot guess for long.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { appError } from '../contract/errors.js';
import type { Actor } from '../contract/request-context.js';
import { CSRF_HEADER, SERVER_PATHS, SESSION_COOKIE, type SessionInfo } from '../contract/transport.js';
import { toAppError } from '../core/errors/to-app-error.js';
import { failure, isJson, readJson, sendJson, sendText } from './http-io.js';
import { callerAddress, type Caller, type RequestAuth } from './request-auth.js';
import { AuthFailureLimiter, csrfMatches } from './request-guards.js';

/** What server mode asks the host worker (its HostOps of the same names). */
export interface SessionBackend {
  login(
    username: string,
    password: string,
    remoteAddress: string | null,
  ): Promise<{ token: string; info: SessionInfo }>;
  session(token: string): Promise<{ actor: Actor; info: SessionInfo } | null>;
  logout(token: string, remoteAddress: string | null): Promise<unknown>;
}

export interface SessionAuthOptions {
  backend: SessionBackend;
  /** The address listened on (an IP or a name; 0.0.0.0 / :: = every interface). */
  listenHost: string;
  /** Further names clients reach the server by (`--host-name`), accepted in the Host header. */
  hostNames?: readonly string[];
  secure: boolean;
  /** Failed sign-ins per client address within loginWindowMs before 429 (default 10 per minute). */
  loginFailures?: number;
  loginWindowMs?: number;
}

/** Cookie lifetime in the browser; the session's own end (sessions-store.ts) is what counts. */
const COOKIE_MAX_AGE_S = 12 * 60 * 60;
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
export const isLoopback = (host: string): boolean => LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
const isWildcard = (host: string): boolean => host === '0.0.0.0' || host === '::';

/** `name:port` of a Host header (brackets of an IPv6 literal removed), or null when malformed. */
function splitHost(header: string): { name: string; port: number | null } | null {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(header.trim().toLowerCase());
  if (!m) return null;
  return { name: m[1]!.replace(/^\[|\]$/g, ''), port: m[2] === undefined ? null : Number(m[2]) };
}

/**
 * The Host header check against DNS rebinding: the address listened on; loopback names when that is
 * loopback; the `--host-name` names; and, when listening on every interface, any IP literal (a
 * rebinding attack needs a DNS name it controls, so an IP in the Host cannot be one).
 */
export function serverAllowsHost(
  header: string | undefined,
  port: number,
  listenHost: string,
  hostNames: readonly string[],
  secure: boolean,
): boolean {
  if (header === undefined) return false;
  const h = splitHost(header);
  if (!h) return false;
  if ((h.port ?? (secure ? 443 : 80)) !== port) return false;
  const listen = listenHost.toLowerCase();
  if (h.name === listen) return true;
  if (isLoopback(listen) && isLoopback(h.name)) return true;
  if (hostNames.some((n) => n.toLowerCase() === h.name)) return true;
  return isWildcard(listen) && isIP(h.name) !== 0;
}

function cookieToken(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === SESSION_COOKIE) {
      const v = part.slice(i + 1).trim();
      return TOKEN.test(v) ? v : null;
    }
  }
  return null;
}

export function sessionAuth(opts: SessionAuthOptions): RequestAuth {
  const scheme = opts.secure ? 'https' : 'http';
  const limiter = new AuthFailureLimiter(opts.loginFailures ?? 10, opts.loginWindowMs ?? 60_000);
  const cookie = (value: string, maxAge: number): string =>
    `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${opts.secure ? '; Secure' : ''}`;

  async function signedIn(
    req: IncomingMessage,
  ): Promise<{ token: string; actor: Actor; info: SessionInfo } | null> {
    const token = cookieToken(req.headers.cookie);
    if (!token) return null;
    const live = await opts.backend.session(token);
    return live ? { token, ...live } : null;
  }

  async function login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const client = callerAddress(req) ?? '';
    if (limiter.blocked(client)) return sendJson(res, 429, failure(appError('TOO_MANY_ATTEMPTS')));
    if (!isJson(req)) return sendJson(res, 415, failure(appError('INVALID_INPUT', 'content-type')));
    const body = await readJson(req);
    if (!body.ok) return sendJson(res, 400, body);
    const input = (body.value as { input?: { username?: unknown; password?: unknown } } | null)?.input;
    const username = input?.username;
    const password = input?.password;
    if (
      typeof username !== 'string' ||
      typeof password !== 'string' ||
      username.length > 256 ||
      password.length > 1024
    )
      return sendJson(res, 200, failure(appError('INVALID_INPUT', 'username, password')));
    try {
      const { token, info } = await opts.backend.login(username, password, callerAddress(req));
      res.setHeader('set-cookie', cookie(token, COOKIE_MAX_AGE_S));
      return sendJson(res, 200, { ok: true, value: info });
    } catch (e) {
      const err = toAppError(e);
      if (err.code === 'LOGIN_FAILED' || err.code === 'ACCOUNT_LOCKED') limiter.record(client);
      return sendJson(res, 200, failure(err));
    }
  }

  return {
    allowsHost: (host, port) =>
      serverAllowsHost(host, port, opts.listenHost, opts.hostNames ?? [], opts.secure),
    // Same origin as the (already checked) Host; `null` and other sites refused.
    allowsOrigin: (origin, host) =>
      origin === undefined || (host !== undefined && origin === `${scheme}://${host}`),
    async identify(req) {
      const s = await signedIn(req);
      if (!s) return null;
      const address = callerAddress(req);
      const caller: Caller = {
        ctx: { actor: s.actor, ...(address !== null ? { remoteAddress: address } : {}) },
        csrfToken: s.info.csrfToken,
      };
      return caller;
    },
    async route(req, res, path) {
      if (path !== SERVER_PATHS.login && path !== SERVER_PATHS.logout && path !== SERVER_PATHS.whoami)
        return false;
      if (req.method !== 'POST') {
        sendText(res, 405, 'Method Not Allowed', { allow: 'POST' });
        return true;
      }
      if (path === SERVER_PATHS.login) {
        await login(req, res);
        return true;
      }
      const s = await signedIn(req);
      if (path === SERVER_PATHS.whoami) {
        // A read with no effect: how a reloaded page learns its CSRF token (no other site can read
        // it), or that nobody is signed in (null) — which tells the page it is on a server.
        sendJson(res, 200, { ok: true, value: s?.info ?? null });
        return true;
      }
      if (!s) {
        sendJson(res, 401, failure(appError('UNAUTHORIZED')));
        return true;
      }
      if (!csrfMatches(req.headers[CSRF_HEADER], s.info.csrfToken)) {
        sendJson(res, 403, failure(appError('FORBIDDEN')));
        return true;
      }
      await opts.backend.logout(s.token, callerAddress(req));
      res.setHeader('set-cookie', cookie('', 0));
      sendJson(res, 200, { ok: true, value: null });
      return true;
    },
  };
}
