import { z } from 'zod';

// A backup file (docs/bundle-format.md, "Backup files"): one ZIP holding a consistent snapshot of
// the archive database and every original it references, named by content address.
//   vankho-backup.json   this description (written after the data, so it carries measured hashes)
//   archive.sqlite       snapshot taken with VACUUM INTO in one read transaction
//   files/ab/cd/<sha256> the originals, exactly as in the archive's store
//   SHA256SUMS           every entry but itself, `sha256sum -c` format

export const BACKUP_FORMAT = 'vankho-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_INFO_ENTRY = 'vankho-backup.json';
export const BACKUP_DB_ENTRY = 'archive.sqlite';
export const BACKUP_FILE_ENTRY = /^files\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

export const backupInfoSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  app: z.object({ name: z.string().max(100), version: z.string().max(100) }),
  schemaVersion: z.number().int().nonnegative(),
  createdAt: z.string().max(64),
  archiveUid: z.string().max(128).nullable(),
  documents: z.number().int().nonnegative(),
  files: z.number().int().nonnegative(),
  db: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative() }),
});

export type BackupInfo = z.infer<typeof backupInfoSchema>;

export function backupFileEntry(sha256: string): string {
  return `files/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}
