// Child process for the backup test: imports a folder into an archive (holding the archive lock, as
// the app would) and prints "progress <done>" after each file, then "done <imported>".
import { openArchive } from '../../main/core/archive/archive.js';
import { importPaths } from '../../main/core/ingest/import-files.js';

const [dir, src] = process.argv.slice(2);
if (!dir || !src) throw new Error('usage: backup-import-child.ts <archive> <folder>');
const archive = openArchive(dir);
const report = await importPaths(archive, [src], {
  concurrency: 1,
  onProgress: (p) => process.stdout.write(`progress ${p.done}\n`),
});
archive.close();
process.stdout.write(`done ${report.imported}\n`);
