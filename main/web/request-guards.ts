// Checks every web-mode request passes before routing: the Host must be our loopback address (DNS
// rebinding), a present Origin must be our own (CSRF; `null` refused), and data routes need the
// token, compared in constant time.
import { timingSafeEqual } from 'node:crypto';

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).has(host.toLowerCase());
}

/** No Origin (same-origin GET, curl) is fine; a present Origin must be exactly ours. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

export function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The session's CSRF token in its header (constant time); true where none is needed (null). */
export function csrfMatches(given: string | string[] | undefined, expected: string | null): boolean {
  return expected === null || tokenMatches(typeof given === 'string' ? given : null, expected);
}

/** The token from `Authorization: Bearer …` or, for GET routes that cannot set headers, `?token=`. */
export function tokenOf(authorization: string | undefined, url: URL, allowQuery: boolean): string | null {
  if (authorization !== undefined) {
    const m = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(authorization.trim());
    return m?.[1] ?? null;
  }
  return allowQuery ? url.searchParams.get('token') : null;
}

/**
 * Counts refused authentications per client address in a short sliding window. It only ever answers
 * requests that fail authentication: the server checks the token first and never consults it for a
 * request carrying the valid token. On loopback every local page (an `<img>` on any site the user
 * opens, a stray script) shares the user's own address, and the remote port changes per connection,
 * so no honest key tells them apart; a limiter standing in front of the token check would let any of
 * them lock the real user out. The token is 32 random bytes (at least 16 characters with `--token`),
 * so guessing is hopeless anyway: limiting bounds the work and the noise of a flood and tells a
 * misconfigured client to back off.
 */
export class AuthFailureLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly maxFailures = 60,
    private readonly windowMs = 10_000,
    private readonly now: () => number = Date.now,
    /** Addresses remembered at most (loopback has few; a bound keeps memory flat whatever happens). */
    private readonly maxClients = 1024,
  ) {}

  /** Records one refused request of this client. */
  record(client: string): void {
    let times = this.failures.get(client);
    if (!times) {
      if (this.failures.size >= this.maxClients) {
        const oldest = this.failures.keys().next().value;
        if (oldest !== undefined) this.failures.delete(oldest);
      }
      times = [];
      this.failures.set(client, times);
    }
    times.push(this.now());
    // Only the newest maxFailures matter for the decision below.
    if (times.length > this.maxFailures) times.splice(0, times.length - this.maxFailures);
  }

  /** Whether this client failed maxFailures times within the window. */
  blocked(client: string): boolean {
    const times = this.failures.get(client);
    if (!times) return false;
    const since = this.now() - this.windowMs;
    while (times.length > 0 && times[0]! <= since) times.shift();
    if (times.length === 0) this.failures.delete(client);
    return times.length >= this.maxFailures;
  }
}
