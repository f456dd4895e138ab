// Where the app's own files live: the repository (or app) root holding package.json, the renderer
// build and the bundled samples — from the TS sources (tsx), the tsc build (build/main/…) or,
// in a packaged app, the resources folder.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findAppRoot(start: string): string {
  let dir = start;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'vankho') return dir;
      } catch {
        /* keep walking */
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
}

/** The folder with VanKho's package.json (repo root, or the app folder inside an asar). */
export const appRoot: string = findAppRoot(dirname(fileURLToPath(import.meta.url)));

export const defaultRendererDir: string = join(appRoot, 'renderer', 'dist');

/** Bundled samples: next to the app in a packaged build (extraResources), else resources/samples. */
export function defaultSamplesDir(resourcesPath?: string): string | null {
  const candidates = [
    ...(resourcesPath ? [join(resourcesPath, 'samples')] : []),
    join(appRoot, 'resources', 'samples'),
  ];
  return candidates.find((d) => existsSync(d)) ?? null;
}
