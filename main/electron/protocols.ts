// The two privileged schemes of the desktop app (registered before `ready`), and their handlers,
// which only turn the answers of protocol-routes.ts into Responses.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { protocol } from 'electron';
import { APP_SCHEME, FILE_SCHEME } from '../contract/transport.js';
import {
  answerAppRequest,
  answerFileRequest,
  type FileProtocolBackend,
  type ProtocolAnswer,
} from './protocol-routes.js';

/** Must run before app `ready`. */
export function registerPrivilegedSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
    },
    // Fetchable (with CORS, app origin only) from the app page: pdf.js loads the bytes with fetch.
    {
      scheme: FILE_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true },
    },
  ]);
}

export function handleProtocols(rendererDir: string, backend: FileProtocolBackend): void {
  protocol.handle(APP_SCHEME, (req) =>
    toResponse(answerAppRequest(req.url, req.method, rendererDir), req.method),
  );
  protocol.handle(FILE_SCHEME, async (req) =>
    toResponse(await answerFileRequest(req.url, req.method, backend), req.method),
  );
}

function toResponse(answer: ProtocolAnswer, method: string): Response {
  if (answer.status !== 200) return new Response(null, { status: answer.status, headers: answer.headers });
  if (method === 'HEAD') return new Response(null, { status: 200, headers: answer.headers });
  const body = Readable.toWeb(createReadStream(answer.path)) as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers: answer.headers });
}
