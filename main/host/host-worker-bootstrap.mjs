// Starts the host worker from its TypeScript source (tests, `npm run web`): worker threads do not
// inherit the parent's tsx loader, so register tsx here (for the worker's whole life: the app graph
// is TypeScript) and import the .ts entry named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
