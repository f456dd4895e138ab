// A self-signed TLS certificate for `vankho serve` (issue 14): made once, on the first start, and kept
// in the archive folder so its fingerprint stays the same across restarts (clients trust it once,
// comparing the fingerprint the server prints). Node's crypto has no certificate builder, so the
// certificate is made by @peculiar/x509 over Node's WebCrypto.
import 'reflect-metadata'; // @peculiar/x509 (through tsyringe) needs the Reflect metadata API, before it loads
import {
  BasicConstraintsExtension,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  SubjectAlternativeNameExtension,
  X509CertificateGenerator,
} from '@peculiar/x509';
import { createPrivateKey, randomBytes, webcrypto, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';

/** Inside the archive folder; a dot name, so nothing of the archive's own takes it for its files. */
export const SELF_SIGNED_DIR = '.vankho-server-tls';
const VALID_DAYS = 825;

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
export async function makeSelfSigned(
  names: readonly string[],
  now = new Date(),
): Promise<{ cert: string; key: string }> {
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const cn = names.find((n) => isIP(n) === 0) ?? names[0] ?? 'VanKho';
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01; // positive and minimal
  const cert = await X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serial.toString('hex'),
      name: [{ CN: [cn] }], // JSON form: no RFC 4514 escaping of the name needed
      notBefore: new Date(now.getTime() - 60_000),
      notAfter: new Date(now.getTime() + VALID_DAYS * 86_400_000),
      signingAlgorithm: alg,
      keys,
      extensions: [
        new BasicConstraintsExtension(false, undefined, true),
        new KeyUsagesExtension(KeyUsageFlags.digitalSignature, true),
        new ExtendedKeyUsageExtension([ExtendedKeyUsage.serverAuth]),
        new SubjectAlternativeNameExtension(names.map((n) => ({ type: isIP(n) ? 'ip' : 'dns', value: n }))),
      ],
    },
    webcrypto as unknown as Parameters<typeof X509CertificateGenerator.createSelfSigned>[1],
  );
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return {
    cert: cert.toString('pem'),
    key: createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({
      type: 'pkcs8',
      format: 'pem',
    }) as string,
  };
}

/**
 * The archive's self-signed certificate, made on the first start (`created`), and its SHA-256
 * fingerprint for the operator to give to clients.
 */
export async function selfSignedFor(
  archiveDir: string,
  names: readonly string[],
): Promise<{ cert: Buffer; key: Buffer; fingerprint: string; created: boolean }> {
  const dir = join(archiveDir, SELF_SIGNED_DIR);
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  let created = false;
  if (!existsSync(certFile) || !existsSync(keyFile)) {
    const made = await makeSelfSigned(names);
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
