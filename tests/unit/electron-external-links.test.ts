import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from '../../main/electron/external-links.js';

describe('isSafeExternalUrl', () => {
  it('lets plain http and https links through', () => {
    expect(isSafeExternalUrl('https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=1')).toBe(true);
    expect(isSafeExternalUrl('http://example.org/')).toBe(true);
    expect(isSafeExternalUrl('HTTPS://EXAMPLE.ORG/a')).toBe(true);
    expect(isSafeExternalUrl('https://xn--vnexpres-9za.net/')).toBe(true);
    expect(isSafeExternalUrl('https://chínhphủ.vn/')).toBe(true); // IDN, parsed to punycode
  });

  it.each([
    'file:///etc/passwd',
    'FILE:///C:/Windows/system32/calc.exe',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vankho-file://file/1',
    'vankho-app://app/index.html',
    'mailto:a@b.vn',
    ' https://example.org',
    'https://example.org/ ',
    'https://exa\nmple.org',
    'https://user:pass@example.org/',
    'https://user@example.org/',
    'http:example.org',
    'https:/example.org',
    '//example.org',
    '/relative',
    '',
    'not a url',
  ])('refuses %j', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(isSafeExternalUrl(undefined)).toBe(false);
    expect(isSafeExternalUrl({ href: 'https://example.org' })).toBe(false);
  });

  it('never accepts a scheme other than http(s), whatever the rest of the string', () => {
    fc.assert(
      fc.property(fc.string(), fc.webUrl(), (prefix, url) => {
        const candidate = prefix + url;
        if (isSafeExternalUrl(candidate)) {
          expect(['http:', 'https:']).toContain(new URL(candidate).protocol);
          expect(new URL(candidate).username).toBe('');
        }
      }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('file', 'smb', 'javascript', 'data', 'ms-msdt', 'ftp', 'chrome', 'vankho-file'),
        fc.webUrl(),
        (scheme, url) => {
          expect(isSafeExternalUrl(url.replace(/^https?/, scheme))).toBe(false);
        },
      ),
    );
  });
});
