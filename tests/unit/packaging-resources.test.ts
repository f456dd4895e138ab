// The packaged app's extra resources and unpacked folders (electron-builder.yml) must name files
// that exist after `npm ci`: the OCR models and tesseract.js's worker script are read from there in
// the desktop app, where a wrong path would only show on a user's machine.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../helpers/repo-root.js';

const yml = readFileSync(repoPath('electron-builder.yml'), 'utf8');

describe('electron-builder.yml resources', () => {
  it('every extraResources source exists, with the files its filter names', () => {
    const blocks = yml.split(/\n\s*- from: /).slice(1);
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    for (const b of blocks) {
      const from = b.split('\n')[0]!.trim();
      expect(existsSync(repoPath(from)), from).toBe(true);
      const filter = /filter: \[([^\]]*)\]/.exec(b)?.[1] ?? '';
      for (const name of filter.split(',').map((f) => f.trim().replace(/^'|'$/g, ''))) {
        if (name && !/[*!]/.test(name))
          expect(existsSync(join(repoPath(from), name)), `${from}/${name}`).toBe(true);
      }
    }
  });

  it('ships the OCR models (and the orientation model) into one tessdata folder and unpacks the worker script the app points at', () => {
    expect(yml).toMatch(/to: tessdata\s+filter: \['vie\.traineddata\.gz'\]/);
    expect(yml).toMatch(/to: tessdata\s+filter: \['eng\.traineddata\.gz'\]/);
    expect(yml).toMatch(/to: tessdata\s+filter: \['osd\.traineddata\.gz'\]/);
    expect(yml).toContain("'node_modules/tesseract.js/**'");
    const main = readFileSync(repoPath('main', 'electron', 'main.ts'), 'utf8');
    const segments = ['node_modules', 'tesseract.js', 'src', 'worker-script', 'node', 'index.js'];
    // The app joins these segments after resourcesPath/app.asar.unpacked, in this order.
    const at = segments.map((seg) => main.indexOf(`'${seg}'`, main.indexOf("'app.asar.unpacked'")));
    expect(at.every((i, k) => i > 0 && (k === 0 || i > at[k - 1]!))).toBe(true);
    expect(existsSync(repoPath(...segments))).toBe(true);
  });
});
