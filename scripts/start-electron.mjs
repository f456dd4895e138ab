#!/usr/bin/env node
// `npm start`: builds the renderer (Vite) and main/preload (tsc + an esbuild CommonJS bundle of the
// sandboxed preload), prepares an Electron-ABI build of better-sqlite3 in build/electron-native/
// (leaving node_modules/better-sqlite3, the Node build the tests use, untouched), then launches
// Electron with VANKHO_SQLITE_BINDING pointing at that binary (passed as better-sqlite3's
// `nativeBinding`). Each step that needs the network fails with a clear message.
//
// Flags: --skip-build (reuse build/ and renderer/dist), --prepare-only (stop before launching).
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const args = new Set(process.argv.slice(2));
const electronPkg = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'));
const electronVersion = electronPkg.version;
const nativeDir = join(root, 'build', 'electron-native');
const nativeBinary = join(nativeDir, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const stampFile = join(nativeDir, 'stamp.json');

function fail(vi, en, hint) {
  console.error(`\nVanKho: ${vi}\nVanKho: ${en}`);
  if (hint) console.error(`\n${hint}`);
  process.exit(1);
}

function step(label) {
  console.log(`\n▶ ${label}`);
}

function run(cmd, cmdArgs, opts = {}) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', ...opts });
  return r.status === 0;
}

function bin(name) {
  return join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
}

/** Copies files that are not TypeScript (migrations, worker bootstraps, data) next to the tsc output. */
function copyAssets(fromDir, toDir) {
  for (const name of readdirSync(fromDir)) {
    const from = join(fromDir, name);
    const to = join(toDir, name);
    if (statSync(from).isDirectory()) copyAssets(from, to);
    else if (!name.endsWith('.ts') && !name.endsWith('.md')) {
      mkdirSync(toDir, { recursive: true });
      cpSync(from, to);
    }
  }
}

async function buildAll() {
  step('Build renderer (vite) / Dựng giao diện');
  if (!run(bin('vite'), ['build', '--config', 'renderer/vite.config.ts'])) {
    fail('Dựng giao diện thất bại.', 'The renderer build failed.');
  }
  step('Build main + preload (tsc, esbuild) / Dựng tiến trình chính');
  if (!run(bin('tsc'), ['-p', 'tsconfig.main.json']))
    fail('Biên dịch TypeScript thất bại.', 'TypeScript build failed.');
  copyAssets(join(root, 'main'), join(root, 'build', 'main'));
  const esbuild = await import('esbuild');
  // Sandboxed preloads must be a single CommonJS file: bundle the contract (and zod) into it.
  await esbuild.build({
    entryPoints: [join(root, 'preload', 'preload.ts')],
    outfile: join(root, 'build', 'preload', 'preload.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['electron'],
    minify: true,
    logLevel: 'warning',
  });
}

/** True when `file` is a native addon Node refuses for ABI reasons (so it is not the Node build). */
function isForeignAbi(file) {
  try {
    process.dlopen({ exports: {} }, file);
    return false; // loaded in Node: it is a Node-ABI binary, not an Electron one
  } catch (e) {
    return /NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(String(e?.message));
  }
}

function prepareNative() {
  step(`better-sqlite3 for Electron ${electronVersion} → ${relative(root, nativeDir)}`);
  if (existsSync(stampFile) && existsSync(nativeBinary)) {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    if (stamp.electron === electronVersion && stamp.arch === process.arch && isForeignAbi(nativeBinary)) {
      console.log('  already prepared');
      return;
    }
  }
  rmSync(nativeDir, { recursive: true, force: true });
  const src = dirname(require.resolve('better-sqlite3/package.json'));
  const dest = join(nativeDir, 'better-sqlite3');
  mkdirSync(nativeDir, { recursive: true });
  // A copy without build/: the Node build in node_modules is never touched.
  cpSync(src, dest, { recursive: true, filter: (p) => !p.startsWith(join(src, 'build')) });
  const common = ['--runtime=electron', `--target=${electronVersion}`, `--arch=${process.arch}`];
  const prebuild = join(root, 'node_modules', 'prebuild-install', 'bin.js');
  let ok = run(process.execPath, [prebuild, ...common, '--verbose'], { cwd: dest });
  if (!ok) {
    console.log('  no prebuilt binary; compiling against the Electron headers (node-gyp)');
    const gyp = join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    ok = run(
      process.execPath,
      [
        gyp,
        'rebuild',
        '--release',
        `--target=${electronVersion}`,
        `--arch=${process.arch}`,
        '--dist-url=https://electronjs.org/headers',
      ],
      { cwd: dest },
    );
  }
  if (!ok || !existsSync(nativeBinary)) {
    fail(
      'Không tải được bản better-sqlite3 cho Electron (cần kết nối mạng tới GitHub / electronjs.org).',
      'Could not fetch or build better-sqlite3 for Electron (needs network access to GitHub / electronjs.org).',
      'The Node build used by `npm test` and `npm run web` is unaffected. Web mode works offline: `npm run web`.',
    );
  }
  if (!isForeignAbi(nativeBinary)) {
    // The trap seen with electron-rebuild: a "successful" run that leaves a Node-ABI binary.
    fail(
      'Bản better-sqlite3 vừa tạo không phải cho Electron.',
      'The prepared better-sqlite3 is not an Electron-ABI build.',
    );
  }
  writeFileSync(stampFile, JSON.stringify({ electron: electronVersion, arch: process.arch }, null, 2));
}

function electronExecutable() {
  try {
    return require('electron'); // the package's index.js: path of the binary, downloading it if needed
  } catch (e) {
    fail(
      'Không tải được Electron (cần kết nối mạng). Hãy thử lại khi có mạng, hoặc dùng chế độ web: npm run web',
      'Could not download the Electron binary (network needed). Retry online, or use web mode: npm run web',
      `Details: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
    );
  }
}

if (!args.has('--skip-build')) await buildAll();
prepareNative();
if (args.has('--prepare-only')) process.exit(0);
step('Launch Electron / Khởi động');
const electron = electronExecutable();
if (typeof electron !== 'string' || !existsSync(electron)) {
  fail('Không tìm thấy tệp chạy Electron.', 'The Electron executable was not found.', String(electron));
}
const child = spawn(electron, [root], {
  stdio: 'inherit',
  env: { ...process.env, VANKHO_SQLITE_BINDING: nativeBinary },
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
