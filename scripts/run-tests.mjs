#!/usr/bin/env node
// `npm test`: type-check (incl. main/ and preload/ against Electron's own types), lint, the unit and
// integration suites (vitest), then the end-to-end suite (Playwright in Debian's Chromium, web mode).
// Ends with one plain "N passed, N failed" line and fails when no test ran at all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const reportDir = join('test-results');
mkdirSync(reportDir, { recursive: true });
let passed = 0;
let failed = 0;
let skipped = 0;

function run(label, cmd, args) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  return r.status === 0;
}

const steps = [];
steps.push(['typecheck', run('typecheck', 'npm', ['run', '--silent', 'typecheck'])]);
steps.push(['lint', run('lint', 'npm', ['run', '--silent', 'lint'])]);

const vitestJson = join(reportDir, 'vitest.json');
const only = process.argv.slice(2);
steps.push([
  'vitest',
  run('unit + integration', 'npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${vitestJson}`,
    ...only,
  ]),
]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += r.numPassedTests ?? 0;
  // A test file that fails to load has no failed test; the vitest step's exit status already counts it.
  failed += r.numFailedTests ?? 0;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}

const e2eDir = join('tests', 'e2e');
const hasE2e = existsSync(e2eDir) && readdirSync(e2eDir).some((f) => f.endsWith('.spec.ts'));
if (hasE2e && only.length === 0) {
  const ok = run('end-to-end', 'npm', ['run', '--silent', 'test:e2e']);
  steps.push(['e2e', ok]);
  const pwJson = join(reportDir, 'playwright.json');
  if (existsSync(pwJson)) {
    const r = JSON.parse(readFileSync(pwJson, 'utf8'));
    passed += r.stats?.expected ?? 0;
    failed += (r.stats?.unexpected ?? 0) + (r.stats?.flaky ?? 0);
    skipped += r.stats?.skipped ?? 0;
  }
}

const bad = steps.filter(([, ok]) => !ok).map(([n]) => n);
console.log(`\nsteps: ${steps.map(([n, ok]) => `${n} ${ok ? 'ok' : 'FAILED'}`).join(', ')}`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (passed === 0) console.error('no test ran: treated as a failure');
process.exit(bad.length === 0 && failed === 0 && passed > 0 ? 0 : 1);
