// Starts the TypeScript extraction worker from source: worker threads do not inherit the tsx (or
// vitest) loader of the parent, so register tsx here and import the .ts entry named in workerData.
// Then unregister it: parsers loaded later (pdf.js is 2+ MB of plain ESM, imported on the first PDF)
// must not go through tsx's transform, which costs about 1 s of CPU and 400 MB per worker.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

const unregister = register();
await import(workerData.entry);
await unregister();
