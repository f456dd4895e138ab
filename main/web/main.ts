// `npm run web [-- --archive DIR --port N]`: starts web mode and prints the URL to open.
import { Command, InvalidArgumentError } from 'commander';
import { toAppError } from '../core/errors/to-app-error.js';
import { startWebMode, TOKEN_PATTERN } from './web-mode.js';

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new InvalidArgumentError('0–65535');
  return n;
}

function parseToken(v: string): string {
  if (!TOKEN_PATTERN.test(v)) throw new InvalidArgumentError('at least 16 characters of [A-Za-z0-9_-]');
  return v;
}

const program = new Command('vankho-web')
  .description('VanKho web mode: the app in your browser, on 127.0.0.1 only / chế độ web trên máy này')
  .option('--archive <dir>', 'archive folder to open (created when missing or empty)')
  .option('--port <n>', 'port on 127.0.0.1 (0 = any free port)', parsePort, 0)
  .option('--token <t>', 'fixed access token (tests only; default: random per start)', parseToken)
  .option('--renderer <dir>', 'renderer build to serve (default renderer/dist)')
  .option('--no-samples', 'do not offer the bundled sample documents')
  .option('--quiet', 'print only the URL line')
  .showHelpAfterError();

program.parse();
const o = program.opts<{
  archive?: string;
  port: number;
  token?: string;
  renderer?: string;
  samples: boolean;
  quiet?: boolean;
}>();

try {
  const web = await startWebMode({
    port: o.port,
    ...(o.archive !== undefined ? { archiveDir: o.archive } : {}),
    ...(o.token !== undefined ? { token: o.token } : {}),
    ...(o.renderer !== undefined ? { rendererDir: o.renderer } : {}),
    ...(o.samples ? {} : { samplesDir: null }),
  });
  console.log(`VanKho web: ${web.server.url}`);
  if (!o.quiet) {
    console.log('Mở địa chỉ trên trong trình duyệt (chỉ trên máy này). Nhấn Ctrl+C để dừng.');
    console.log('Open the address above in a browser on this machine. Press Ctrl+C to stop.');
  }
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    web.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  const err = toAppError(e);
  console.error(`VanKho web: ${err.message.vi} / ${err.message.en}${err.detail ? ` (${err.detail})` : ''}`);
  process.exit(1);
}
