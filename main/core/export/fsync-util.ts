import { closeSync, fsyncSync, openSync } from 'node:fs';

/** Flushes a written file to disk before it is renamed into place. */
export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename durable; directory fsync is not supported everywhere (Windows), hence best effort. */
export function fsyncDirectory(dir: string): void {
  try {
    fsyncFile(dir);
  } catch {
    /* the rename itself is atomic */
  }
}
