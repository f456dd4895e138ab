import { usageError } from '../cli-context.js';

/** A positive integer document id from a CLI argument ("12" or "#12"). */
export function parseDocumentId(arg: string): number {
  const s = arg.startsWith('#') ? arg.slice(1) : arg;
  const n = Number(s);
  if (!/^\d+$/.test(s) || !Number.isSafeInteger(n) || n < 1) throw usageError(`not a document id: ${arg}`);
  return n;
}
