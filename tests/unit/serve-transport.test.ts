// How `vankho serve` speaks for each combination of listen address and TLS options (issue 14): beyond
// loopback without TLS files it must use the archive's self-signed certificate (passwords never cross the
// network in clear unless --insecure-http says so); on loopback it stays plain HTTP, as the checks expect.
// The HTTPS server with that certificate runs end to end in tests/integration/server/serve-tls.test.ts.
import { describe, expect, it } from 'vitest';
import { listenRefusal, serveTransport } from '../../main/web/server-mode.js';

const files = { tlsCert: 'cert.pem', tlsKey: 'key.pem' };

describe('serveTransport', () => {
  it('uses the self-signed certificate beyond loopback when no TLS files are given', () => {
    for (const listenHost of ['0.0.0.0', '::', '192.168.1.10', 'fd00::10', 'kho.ubnd.local']) {
      expect(listenRefusal({ listenHost })).toBeNull();
      expect(serveTransport({ listenHost })).toBe('self-signed');
    }
  });

  it('stays plain HTTP on loopback without TLS options', () => {
    for (const listenHost of ['127.0.0.1', '127.0.0.2', '::1', 'localhost']) {
      expect(serveTransport({ listenHost })).toBe('plain-http');
    }
  });

  it('uses the given files wherever it listens, and --self-signed also on loopback', () => {
    expect(serveTransport({ listenHost: '0.0.0.0', ...files })).toBe('tls-files');
    expect(serveTransport({ listenHost: '127.0.0.1', ...files })).toBe('tls-files');
    expect(serveTransport({ listenHost: '127.0.0.1', selfSigned: true })).toBe('self-signed');
  });

  it('--insecure-http is the explicit opt-out beyond loopback', () => {
    expect(listenRefusal({ listenHost: '0.0.0.0', insecureHttp: true })).toBeNull();
    expect(serveTransport({ listenHost: '0.0.0.0', insecureHttp: true })).toBe('plain-http');
  });

  it('refuses contradicting options', () => {
    expect(listenRefusal({ listenHost: '0.0.0.0', tlsCert: 'cert.pem' })).toContain('go together');
    expect(listenRefusal({ listenHost: '0.0.0.0', ...files, selfSigned: true })).toContain('not both');
    expect(listenRefusal({ listenHost: '0.0.0.0', selfSigned: true, insecureHttp: true })).toContain(
      '--insecure-http, not both',
    );
  });
});
