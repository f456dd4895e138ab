// Child process of the memory benchmark: runs ONE long operation on an archive and prints one JSON
// line with the process's peak resident memory (process.resourceUsage().maxRSS, includes the
// extraction worker threads). A child per operation so each peak is its own.
//   memory-child.ts reextract <archive>
//   memory-child.ts reindex <archive>
//   memory-child.ts import-bundle <new archive> <bundle.zip>
import { importBundle } from '../../main/core/export/import-bundle.js';
import { reextractDocuments } from '../../main/core/ingest/reextract.js';
import { openVanKho } from '../../main/core/open-vankho.js';

export interface MemoryChildResult {
  op: string;
  maxRssMb: number;
  seconds: number;
  documents: number;
}

const [op, dir, bundle] = process.argv.slice(2);
if (!op || !dir) throw new Error('usage: memory-child.ts reextract|reindex|import-bundle <archive> [bundle]');
const started = performance.now();
const vk = openVanKho(dir, { create: op === 'import-bundle' });
async function run(): Promise<number> {
  if (op === 'reextract') return (await reextractDocuments(vk.archive, 'all')).total;
  if (op === 'reindex') {
    await vk.search.reindex();
    return vk.archive.db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
  }
  if (op === 'import-bundle') {
    if (!bundle) throw new Error('import-bundle needs the bundle file');
    return (await importBundle(vk.archive, bundle)).added;
  }
  throw new Error(`unknown operation ${op}`);
}
let documents: number;
try {
  documents = await run();
} finally {
  vk.close();
}
const result: MemoryChildResult = {
  op,
  maxRssMb: process.resourceUsage().maxRSS / 1024,
  seconds: (performance.now() - started) / 1000,
  documents,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
