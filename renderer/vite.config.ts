import { cpSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is a plain static web build: served by the Electron app protocol and by web mode alike.
// `base: './'` keeps every asset URL relative so both hosts can serve it from any root.
const root = dirname(fileURLToPath(import.meta.url));
const outDir = join(root, 'dist');

/**
 * pdf.js fetches CMaps, standard fonts and its wasm decoders at run time; ship them inside the build
 * (dist/pdfjs/…) so the viewer never reaches outside the app's own origin.
 */
function pdfjsAssets(): Plugin {
  const pkg = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return {
    name: 'vankho-pdfjs-assets',
    apply: 'build',
    closeBundle() {
      for (const dir of ['cmaps', 'standard_fonts', 'wasm']) {
        const from = join(pkg, dir);
        if (existsSync(from)) cpSync(from, join(outDir, 'pdfjs', dir), { recursive: true });
      }
    },
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [react(), pdfjsAssets()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    // pdf.js alone is ~550 kB minified; it is loaded lazily with the document preview.
    chunkSizeWarningLimit: 1200,
    sourcemap: true,
  },
  server: { host: '127.0.0.1', strictPort: true },
});
