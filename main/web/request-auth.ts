// How a request to web or server mode says who it is: the one step of web-server.ts's routing that
// differs between the modes. Web mode (loopback, one person) checks one bearer token and answers as
// LOCAL_ACTOR; server mode (session-auth.ts) checks a session cookie and answers as the account.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LOCAL_ACTOR, type RequestContext } from '../contract/request-context.js';
import { isAllowedHost, isAllowedOrigin, tokenMatches, tokenOf } from './request-guards.js';

/** Who asks, without the signal (it stays with the HTTP request). */
export type CallerContext = Omit<RequestContext, 'signal'>;

export interface Caller {
  ctx: CallerContext;
  /**
   * What a state-changing request must carry in CSRF_HEADER, or null when the credential itself
   * cannot be sent by another site (web mode's bearer header is never attached by a browser).
   */
  csrfToken: string | null;
}

export interface RequestAuth {
  /** Host header check against DNS rebinding (port = the one listened on). */
  allowsHost(host: string | undefined, port: number): boolean;
  /** A present Origin must be the app's own. */
  allowsOrigin(origin: string | undefined, host: string | undefined, port: number): boolean;
  /** The caller of a data route, or null (→ 401, counted by the failure limiter). */
  identify(req: IncomingMessage, url: URL): Promise<Caller | null>;
  /**
   * Routes of this mode outside the contract (sign-in), tried before identify; true when it answered.
   */
  route?(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean>;
}

function addressOf(req: IncomingMessage): Partial<CallerContext> {
  return req.socket.remoteAddress ? { remoteAddress: req.socket.remoteAddress } : {};
}

export function callerAddress(req: IncomingMessage): string | null {
  return req.socket.remoteAddress ?? null;
}

/** Web mode: loopback only, one random token per start, the person at this machine. */
export function tokenAuth(token: string): RequestAuth {
  return {
    allowsHost: (host, port) => isAllowedHost(host, port),
    allowsOrigin: (origin, _host, port) => isAllowedOrigin(origin, port),
    identify: (req, url) =>
      Promise.resolve(
        tokenMatches(tokenOf(req.headers.authorization, url, req.method === 'GET'), token)
          ? { ctx: { actor: LOCAL_ACTOR, ...addressOf(req) }, csrfToken: null }
          : null,
      ),
  };
}
