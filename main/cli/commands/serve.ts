// `vankho serve --archive DIR --listen HOST:PORT [--tls-cert F --tls-key F]`: the office server
// (issue 14) — the app and its contract over HTTP(S) for many signed-in accounts at once. Prints one
// line `VanKho server: <URL>` once listening; Ctrl+C (SIGINT) or SIGTERM stops it cleanly.
import type { Command } from 'commander';
import { DEFAULT_ACCOUNT_UPLOAD_BYTES, DEFAULT_ACCOUNT_UPLOAD_FILES } from '../../contract/transport.js';
import { startServerMode, listenRefusal } from '../../web/server-mode.js';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../../web/web-server.js';
import { archiveDirOf, printLine, usageError } from '../cli-context.js';
import { readPasswordFromStdin } from './users.js';

/** `HOST:PORT`, `[v6]:PORT` or `:PORT` (= 127.0.0.1). */
export function parseListen(v: string): { host: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(v.trim());
  const port = m ? Number(m[3]) : NaN;
  if (!m || !Number.isInteger(port) || port > 65_535)
    throw usageError(`--listen ${v}: HOST:PORT (vd. / e.g. 127.0.0.1:8080, 0.0.0.0:8443)`);
  return { host: m[1] ?? (m[2] || '127.0.0.1'), port };
}

const MIB = 1024 * 1024;

function positiveInt(flag: string, v: string): number {
  const n = Number(v);
  if (!/^\d{1,9}$/.test(v.trim()) || !Number.isSafeInteger(n) || n < 1)
    throw usageError(`${flag} ${v}: một số nguyên dương / a positive whole number`);
  return n;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('máy chủ kho dùng chung cho văn phòng / office server for many users')
    .option('--listen <host:port>', 'địa chỉ nghe / address to listen on', '127.0.0.1:8080')
    .option('--tls-cert <file>', 'chứng chỉ TLS (PEM) / TLS certificate (PEM)')
    .option('--tls-key <file>', 'khóa TLS (PEM) / TLS private key (PEM)')
    .option(
      '--self-signed',
      'HTTPS với chứng chỉ tự ký (tạo lần đầu, lưu trong kho; mặc định khi nghe ngoài máy này mà không có --tls-cert) / HTTPS with a self-signed certificate (made once, kept in the archive; the default beyond loopback without --tls-cert)',
    )
    .option(
      '--insecure-http',
      'HTTP thường ngoài máy này thay cho chứng chỉ tự ký / plain HTTP beyond this machine instead of the self-signed certificate',
    )
    .option(
      '--host-name <name...>',
      'tên máy khách dùng để truy cập (kiểm tra Host) / names clients reach the server by (Host check)',
    )
    .option(
      '--admin <name>',
      'tạo quản trị viên đầu tiên, mật khẩu qua đầu vào chuẩn / make the first admin, password on stdin',
    )
    .option(
      '--account-upload-mib <n>',
      `dung lượng tải lên chưa nhập tối đa của mỗi tài khoản (MiB) / most MiB one account holds uploaded, not yet imported`,
      String(DEFAULT_ACCOUNT_UPLOAD_BYTES / MIB),
    )
    .option(
      '--account-upload-files <n>',
      'số tệp tải lên chưa nhập tối đa của mỗi tài khoản / most files one account holds uploaded, not yet imported',
      String(DEFAULT_ACCOUNT_UPLOAD_FILES),
    )
    .option(
      '--request-timeout-s <n>',
      'thời gian tối đa để máy khách gửi xong một yêu cầu, kể cả tệp tải lên (giây) / most seconds a client may take to send a request, uploads included',
      String(DEFAULT_REQUEST_TIMEOUT_MS / 1000),
    )
    .option('--renderer <dir>', 'bản dựng giao diện / renderer build (default renderer/dist)')
    .action(
      async (
        opts: {
          listen: string;
          tlsCert?: string;
          tlsKey?: string;
          insecureHttp?: boolean;
          selfSigned?: boolean;
          hostName?: string[];
          admin?: string;
          renderer?: string;
          accountUploadMib: string;
          accountUploadFiles: string;
          requestTimeoutS: string;
        },
        cmd: Command,
      ) => {
        const { host, port } = parseListen(opts.listen);
        const options = {
          archiveDir: archiveDirOf(cmd),
          listenHost: host,
          port,
          ...(opts.tlsCert !== undefined ? { tlsCert: opts.tlsCert } : {}),
          ...(opts.tlsKey !== undefined ? { tlsKey: opts.tlsKey } : {}),
          insecureHttp: opts.insecureHttp === true,
          selfSigned: opts.selfSigned === true,
          hostNames: opts.hostName ?? [],
          ...(opts.renderer !== undefined ? { rendererDir: opts.renderer } : {}),
          requestTimeoutMs: positiveInt('--request-timeout-s', opts.requestTimeoutS) * 1000,
          accountUploadLimits: {
            bytes: positiveInt('--account-upload-mib', opts.accountUploadMib) * MIB,
            files: positiveInt('--account-upload-files', opts.accountUploadFiles),
          },
        };
        const refused = listenRefusal(options);
        if (refused) throw usageError(refused);
        const admin =
          opts.admin !== undefined
            ? { username: opts.admin, password: await readPasswordFromStdin(opts.admin) }
            : undefined;
        const server = await startServerMode({ ...options, ...(admin ? { admin } : {}) });
        if (server.selfSigned) {
          // stderr: stdout keeps its one line for scripts. Clients compare this before trusting the certificate.
          const { fingerprint, created } = server.selfSigned;
          console.error(
            `${created ? 'Đã tạo chứng chỉ tự ký / Made a self-signed certificate' : 'Chứng chỉ tự ký / Self-signed certificate'}` +
              ` (SHA-256): ${fingerprint}`,
          );
        }
        printLine(`VanKho server: ${server.server.url}`);
        await new Promise<void>((resolveStopped) => {
          let stopping = false;
          const stop = (): void => {
            if (stopping) return;
            stopping = true;
            server.stop().then(resolveStopped, resolveStopped);
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      },
    );
}
