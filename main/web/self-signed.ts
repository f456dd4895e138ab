// A self-signed TLS certificate for `vankho serve --self-signed` (issue 14): made once, on the first
// start, and kept in the archive folder so its fingerprint stays the same across restarts (clients
// trust it once, comparing the fingerprint the server prints). Node's crypto makes and signs keys but
// has no certificate builder, so the few DER structures of an X.509 v3 certificate are written here.
import { createPrivateKey, generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';

/** Inside the archive folder; a dot name, so nothing of the archive's own takes it for its files. */
export const SELF_SIGNED_DIR = '.vankho-server-tls';
const VALID_DAYS = 825;

function der(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const len =
    n < 0x80
      ? Buffer.from([n])
      : (() => {
          const bytes: number[] = [];
          for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
          return Buffer.from([0x80 | bytes.length, ...bytes]);
        })();
  return Buffer.concat([Buffer.from([tag]), len, content]);
}
const seq = (...parts: Buffer[]): Buffer => der(0x30, Buffer.concat(parts));
function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number) as [number, number, ...number[]];
  const bytes = [40 * a + b];
  for (const v of rest) {
    const chunk: number[] = [v & 0x7f];
    for (let x = v >> 7; x > 0; x >>= 7) chunk.unshift((x & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}
function utcTime(d: Date): Buffer {
  const s = d.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ; UTCTime holds years up to 2049
  return der(
    0x17,
    Buffer.from(
      `${s.slice(2, 4)}${s.slice(5, 7)}${s.slice(8, 10)}${s.slice(11, 13)}${s.slice(14, 16)}${s.slice(17, 19)}Z`,
    ),
  );
}
function ipBytes(ip: string): Buffer {
  if (isIP(ip) === 4) return Buffer.from(ip.split('.').map(Number));
  // IPv6: expand '::' to the missing zero groups.
  const [head, tail = ''] = ip.split('::') as [string, string?];
  const h = head ? head.split(':') : [];
  const t = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
  return Buffer.concat(groups.map((g) => Buffer.from(g.padStart(4, '0'), 'hex')));
}

/** The names a certificate for this listen address covers: its IPs (every interface's for a wildcard) and the given names. */
export function certificateNames(listenHost: string, hostNames: readonly string[]): string[] {
  const wildcard = listenHost === '0.0.0.0' || listenHost === '::';
  const ips = wildcard
    ? Object.values(networkInterfaces())
        .flat()
        .flatMap((i) => (i && (listenHost === '::' || i.family === 'IPv4') ? [i.address.split('%')[0]!] : []))
    : [listenHost];
  return [...new Set([...hostNames, ...ips])];
}

/** A PEM certificate for `names` (DNS names and IP literals), signed by its own new P-256 key. */
export function makeSelfSigned(names: readonly string[], now = new Date()): { cert: string; key: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const ecdsaSha256 = seq(oid('1.2.840.10045.4.3.2'));
  const cn = names.find((n) => isIP(n) === 0) ?? names[0] ?? 'VanKho';
  const name = seq(der(0x31, seq(oid('2.5.4.3'), der(0x0c, Buffer.from(cn, 'utf8')))));
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01; // positive and minimal
  const san = seq(
    ...names.map((n) => (isIP(n) ? der(0x87, ipBytes(n)) : der(0x82, Buffer.from(n, 'ascii')))),
  );
  const extensions = der(
    0xa3,
    seq(
      seq(oid('2.5.29.19'), der(0x04, seq())), // basicConstraints: not a CA
      seq(oid('2.5.29.17'), der(0x04, san)),
    ),
  );
  const tbs = seq(
    der(0xa0, der(0x02, Buffer.from([2]))),
    der(0x02, serial),
    ecdsaSha256,
    name,
    seq(
      utcTime(new Date(now.getTime() - 60_000)),
      utcTime(new Date(now.getTime() + VALID_DAYS * 86_400_000)),
    ),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    extensions,
  );
  const signature = sign('sha256', tbs, privateKey);
  const certDer = seq(tbs, ecdsaSha256, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const b64 = certDer.toString('base64').replace(/(.{64})/g, '$1\n');
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${b64.trimEnd()}\n-----END CERTIFICATE-----\n`,
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}

/**
 * The archive's self-signed certificate, made on the first start (`created`), and its SHA-256
 * fingerprint for the operator to give to clients.
 */
export function selfSignedFor(
  archiveDir: string,
  names: readonly string[],
): { cert: Buffer; key: Buffer; fingerprint: string; created: boolean } {
  const dir = join(archiveDir, SELF_SIGNED_DIR);
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  let created = false;
  if (!existsSync(certFile) || !existsSync(keyFile)) {
    const made = makeSelfSigned(names);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(keyFile, made.key, { mode: 0o600 });
    writeFileSync(certFile, made.cert);
    created = true;
  }
  const cert = readFileSync(certFile);
  const key = readFileSync(keyFile);
  createPrivateKey(key); // a damaged key file fails here, not at the first client
  return { cert, key, fingerprint: new X509Certificate(cert).fingerprint256, created };
}
