import { readFileSync } from 'node:fs';

let cached: string | null = null;

/** The app's version from package.json (source tree: three levels up; build output: four). */
export function appVersion(): string {
  if (cached !== null) return cached;
  for (const rel of ['../../../package.json', '../../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'vankho' && typeof pkg.version === 'string') {
        cached = pkg.version;
        return cached;
      }
    } catch {
      /* try the next location */
    }
  }
  cached = '0.0.0';
  return cached;
}
