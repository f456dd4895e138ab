import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';

export interface HashTapResult {
  sha256: string;
  size: number;
}

/**
 * A pass-through that hashes (SHA-256) and counts what flows through it. `onChunk` sees each chunk's
 * length (progress); `onEnd` gets the digest and may return an Error to fail the stream (a mismatch).
 */
export function hashTap(
  onEnd: (r: HashTapResult) => Error | null | void,
  onChunk?: (bytes: number) => void,
): Transform {
  const hash = createHash('sha256');
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      size += chunk.length;
      onChunk?.(chunk.length);
      cb(null, chunk);
    },
    flush(cb) {
      const err = onEnd({ sha256: hash.digest('hex'), size });
      cb(err ?? null);
    },
  });
}
