// Worker-thread entry of text extraction: receives {id, path, kind}, answers {id, result}. Runs
// under resourceLimits and a timeout set by ExtractionPool, so a hostile file can only kill this
// thread, never the importing process.
import { parentPort } from 'node:worker_threads';
import { appError } from '../../contract/errors.js';
import { extractFile, type ExtractionResult } from './extract-file.js';
import type { ExtractorKind } from './media-type.js';

export interface ExtractRequest {
  id: number;
  path: string;
  kind: ExtractorKind;
}

export type WorkerMessage = { type: 'ready' } | { type: 'result'; id: number; result: ExtractionResult };

const port = parentPort;
if (port) {
  port.on('message', (req: ExtractRequest) => {
    extractFile(req.path, req.kind)
      .catch((): ExtractionResult => ({
        status: 'failed',
        pages: [],
        pageCount: null,
        encoding: null,
        error: appError('EXTRACTION_FAILED'),
      }))
      .then((result) => port.postMessage({ type: 'result', id: req.id, result } satisfies WorkerMessage))
      .catch(() => undefined);
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}
