// Password hashing with Node's scrypt (a memory-hard KDF kept by Node itself, so no native
// dependency): a random salt per password, the parameters stored with the hash so they can be raised
// later without invalidating accounts, and a timing-safe comparison.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { appError } from '../../contract/errors.js';
import { isWeakPassword } from '../../contract/password-rule.js';
import { VanKhoError } from '../errors/vankho-error.js';

/** WEAK_PASSWORD for a password the contract's rule calls weak: the one rule for the CLI and the app. */
export function assertStrongPassword(password: string, username: string): void {
  if (isWeakPassword(password, username)) throw new VanKhoError(appError('WEAK_PASSWORD'));
}

interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

// N=2^15, r=8: about 32 MiB and ~50–100 ms per hash on an office PC — slow for a guesser, fine for
// a login. maxmem must exceed 128·N·r bytes or Node refuses the parameters.
const DEFAULT_PARAMS: ScryptParams = { N: 32768, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** "scrypt$N$r$p$<salt b64>$<hash b64>" for a new password. */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Whether password matches a stored hash; a malformed stored value never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (expected.length !== KEY_LENGTH) return false;
  const key = await derive(password, salt, { N, r, p });
  return timingSafeEqual(key, expected);
}

/** A hash of a password nobody knows, compared against when the user name does not exist, so a login
 * for an unknown name costs the same time as one with a wrong password. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}
