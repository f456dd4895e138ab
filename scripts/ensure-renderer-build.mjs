#!/usr/bin/env node
// Runs before `npm run web`: builds the renderer when renderer/dist is missing or older than any
// renderer or contract source, so a new user needs no separate build step.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const built = join('renderer', 'dist', 'index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const sources = ['renderer/src', 'renderer/index.html', 'renderer/vite.config.ts', 'main/contract'];
const stale =
  !existsSync(built) ||
  sources.some((s) => {
    const st = statSync(s);
    return (st.isDirectory() ? newestMtime(s) : st.mtimeMs) > statSync(built).mtimeMs;
  });
if (stale) {
  console.log('Building the renderer (renderer/dist)…');
  const r = spawnSync('npm', ['run', '--silent', 'build:renderer'], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
