// Child process for the export tests: exports every document of an archive (opened read-only, as
// the CLI does) and prints one JSON line with the peak RSS. With "--block" it stops the event loop
// right after the first bytes of an original were written, printing "mid", so the parent can
// SIGKILL it in the middle of an export.
import { openArchive } from '../../main/core/archive/archive.js';
import { allDocumentIds } from '../../main/core/archive/documents-repo.js';
import { exportBundle } from '../../main/core/export/export-bundle.js';
import { exportSourceOf } from '../../main/core/app/export-source.js';

const [dir, out, flag] = process.argv.slice(2);
if (!dir || !out) throw new Error('usage: export-child.ts <archive> <out> [--block]');
const archive = openArchive(dir, { readonly: true });
let blocked = false;
const report = await exportBundle(exportSourceOf(archive), {
  ids: allDocumentIds(archive.db),
  out,
  onProgress: (p) => {
    if (flag === '--block' && !blocked && p.bytesDone > 0) {
      blocked = true;
      process.stdout.write('mid\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
    }
  },
});
archive.close();
process.stdout.write(`${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, report })}\n`);
