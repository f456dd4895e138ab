// Starts the TypeScript extraction worker from source: worker threads do not inherit the tsx (or
// vitest) loader of the parent, so register tsx here, then import the .ts entry named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
