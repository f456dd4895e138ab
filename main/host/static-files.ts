// Resolves files of the built renderer (renderer/dist) for the web server and the Electron app
// protocol: only files under its root, never dotfiles, the SPA index for unknown paths, each with a
// known Content-Type.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFile {
  path: string;
  size: number;
  contentType: string;
  isIndex: boolean;
}

/**
 * Maps a URL path to a file under root, or null. Percent-decoding happens once; any `..`, NUL,
 * backslash or dot-segment is refused, and the real path (symlinks resolved) must stay under root.
 */
export function resolveStatic(root: string, urlPath: string): StaticFile | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('.'))) return null;
  const rootAbs = resolve(root);
  if (!existsSync(rootAbs)) return null;
  const realRoot = realpathSync(rootAbs);
  const candidate = segments.length === 0 ? join(rootAbs, 'index.html') : join(rootAbs, ...segments);
  const file = fileUnder(realRoot, candidate);
  if (file) return file;
  // Client-side routes (no extension) get the app page; missing assets stay 404.
  if (extname(decoded) === '') return fileUnder(realRoot, join(rootAbs, 'index.html'));
  return null;
}

function fileUnder(realRoot: string, candidate: string): StaticFile | null {
  if (!existsSync(candidate)) return null;
  const real = realpathSync(candidate);
  if (real !== realRoot && !real.startsWith(realRoot + sep)) return null;
  const st = statSync(real);
  if (!st.isFile()) return null;
  const ext = extname(real).toLowerCase();
  return {
    path: real,
    size: st.size,
    contentType: TYPES[ext] ?? 'application/octet-stream',
    isIndex: real === join(realRoot, 'index.html'),
  };
}
