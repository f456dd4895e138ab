import { describe, expect, it } from 'vitest';
import {
  AuthFailureLimiter,
  isAllowedHost,
  isAllowedOrigin,
  tokenMatches,
  tokenOf,
} from '../../main/web/request-guards.js';

describe('web request guards', () => {
  it('accepts only our loopback Host with our port', () => {
    expect(isAllowedHost('127.0.0.1:4000', 4000)).toBe(true);
    expect(isAllowedHost('LOCALHOST:4000', 4000)).toBe(true);
    for (const h of [
      '127.0.0.1',
      '127.0.0.1:4001',
      'evil.example:4000',
      '127.0.0.1.nip.io:4000',
      '[::1]:4000',
      undefined,
    ]) {
      expect(isAllowedHost(h, 4000), String(h)).toBe(false);
    }
  });

  it('accepts no Origin or our own, refuses null and others', () => {
    expect(isAllowedOrigin(undefined, 4000)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:4000', 4000)).toBe(true);
    for (const o of [
      'null',
      'http://127.0.0.1:4001',
      'https://127.0.0.1:4000',
      'http://evil.example',
      'http://127.0.0.1:4000.evil',
    ]) {
      expect(isAllowedOrigin(o, 4000), o).toBe(false);
    }
  });

  it('takes the token from the Bearer header, or from ?token= only when allowed', () => {
    const url = new URL('http://127.0.0.1/x?token=abc');
    expect(tokenOf('Bearer tok_123', url, false)).toBe('tok_123');
    expect(tokenOf('Basic dXNlcjpwYXNz', url, true)).toBeNull();
    expect(tokenOf(undefined, url, false)).toBeNull();
    expect(tokenOf(undefined, url, true)).toBe('abc');
  });

  it('compares tokens exactly', () => {
    expect(tokenMatches('abcdef', 'abcdef')).toBe(true);
    expect(tokenMatches('abcdeF', 'abcdef')).toBe(false);
    expect(tokenMatches('abcde', 'abcdef')).toBe(false);
    expect(tokenMatches(null, 'abcdef')).toBe(false);
  });

  it('blocks a client after too many failures within the window, forgets them after, per client', () => {
    let now = 0;
    const limiter = new AuthFailureLimiter(3, 10_000, () => now);
    limiter.record('127.0.0.2');
    limiter.record('127.0.0.2');
    expect(limiter.blocked('127.0.0.2')).toBe(false);
    limiter.record('127.0.0.2');
    expect(limiter.blocked('127.0.0.2')).toBe(true);
    expect(limiter.blocked('127.0.0.1')).toBe(false);
    now = 10_001;
    expect(limiter.blocked('127.0.0.2')).toBe(false);
  });

  it('remembers a bounded number of clients', () => {
    const limiter = new AuthFailureLimiter(1, 10_000, () => 0, 2);
    limiter.record('a');
    limiter.record('b');
    limiter.record('c'); // forgets the oldest, 'a'
    expect(limiter.blocked('a')).toBe(false);
    expect(limiter.blocked('b')).toBe(true);
    expect(limiter.blocked('c')).toBe(true);
  });
});
