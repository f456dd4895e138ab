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

/** The token from `Authorization: Bearer …` or, for GET routes that cannot set headers, `?token=`. */
export function tokenOf(authorization: string | undefined, url: URL, allowQuery: boolean): string | null {
  if (authorization !== undefined) {
    const m = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(authorization.trim());
    return m?.[1] ?? null;
  }
  return allowQuery ? url.searchParams.get('token') : null;
}

/** Counts refused authentications in a sliding minute, to slow down token guessing. */
export class AuthFailureLimiter {
  private failures: number[] = [];
  constructor(
    private readonly maxPerMinute = 60,
    private readonly now: () => number = Date.now,
  ) {}

  record(): void {
    this.failures.push(this.now());
  }

  blocked(): boolean {
    const since = this.now() - 60_000;
    this.failures = this.failures.filter((t) => t > since);
    return this.failures.length >= this.maxPerMinute;
  }
}
