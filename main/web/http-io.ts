// Reading and answering HTTP bodies the same way on every route of web and server mode: JSON
// Results with no-store, plain-text refusals, and a JSON body read with its size and depth bounded.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { appError, type AppError, type Result } from '../contract/errors.js';

export const MAX_JSON_BODY = 4 * 1024 * 1024;
/**
 * Deepest nesting of a request body. Contract inputs are a few levels deep; JSON.parse itself copes
 * with any depth, but everything after it recurses (structured clone to the host worker, zod), and a
 * body nested 100,000 deep would overflow the stack there as an INTERNAL error.
 */
export const MAX_JSON_DEPTH = 64;

export function failure(error: AppError): Result<never> {
  return { ok: false, error };
}

export function isJson(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}

export async function readJson(req: IncomingMessage): Promise<Result<unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BODY) return failure(appError('INVALID_INPUT', 'body too large'));
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH))
    return failure(appError('INPUT_TOO_DEEP', `> ${MAX_JSON_DEPTH}`));
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return failure(appError('INVALID_INPUT', 'json'));
  }
}

/** Whether brackets nest deeper than max outside strings (a linear scan, no recursion). */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('content-length', String(Buffer.byteLength(text)));
  res.end(text);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.end(text);
}
