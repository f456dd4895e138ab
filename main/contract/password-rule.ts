// The one rule a password must pass (WEAK_PASSWORD otherwise), in the contract so a caller can judge
// a password before it starts anything (the CLI before it creates an archive) and the core enforces
// the same rule on every write (core/accounts/password.ts).

/** Characters a password needs at least: an office account guards documents marked mật. */
export const MIN_PASSWORD_LENGTH = 10;

/**
 * True unless the password has MIN_PASSWORD_LENGTH characters (code points, after NFC) and is not,
 * nor contains, the user name (case-insensitive).
 */
export function isWeakPassword(password: string, username: string): boolean {
  const p = password.normalize('NFC');
  const fold = (s: string): string => s.normalize('NFC').trim().toLocaleLowerCase('vi');
  const name = fold(username);
  return [...p].length < MIN_PASSWORD_LENGTH || (name !== '' && fold(p).includes(name));
}
