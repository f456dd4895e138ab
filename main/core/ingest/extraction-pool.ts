import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { appError } from '../../contract/errors.js';
import { cancelledError } from '../jobs/cancellation.js';
import type { ExtractionResult } from './extract-file.js';
import type { ExtractRequest, WorkerMessage } from './extract-worker.js';
import type { ExtractorKind } from './media-type.js';

export interface ExtractionPoolOptions {
  /** Worker threads (default: min(2, cores)). */
  size?: number;
  /** Per-file extraction time limit (default 60 s): past it the worker is killed (EXTRACTION_TIMEOUT). */
  timeoutMs?: number;
  /** Heap limit of each worker (default 512 MB): exceeding it kills only that worker. */
  maxOldGenerationSizeMb?: number;
  /**
   * A long-lived pool (the app session's, shared by every import): a worker idle this long is ended,
   * so memory goes back between imports while a burst of uploads reuses started workers.
   */
  idleMs?: number;
}

/** A task's own limit (an import's timeoutSeconds), else the pool's. */
export interface ExtractionTaskOptions {
  timeoutMs?: number;
}

interface Task {
  id: number;
  path: string;
  kind: ExtractorKind;
  resolve: (r: ExtractionResult) => void;
  reject: (e: unknown) => void;
  signal?: AbortSignal;
  timeoutMs: number;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task: Task | null;
  timer: NodeJS.Timeout | null;
  onAbort: (() => void) | null;
  idleTimer: NodeJS.Timeout | null;
}

function failed(code: 'EXTRACTION_TIMEOUT' | 'EXTRACTION_FAILED', detail?: string): ExtractionResult {
  return { status: 'failed', pages: [], pageCount: null, encoding: null, error: appError(code, detail) };
}

/** Where the worker starts: the compiled .js directly, or the .ts source through a tsx bootstrap. */
function workerEntry(): { file: URL; workerData: { entry: string } | undefined } {
  const self = import.meta.url;
  if (self.endsWith('.ts')) {
    return {
      file: new URL('./extract-worker-bootstrap.mjs', self),
      workerData: { entry: new URL('./extract-worker.ts', self).href },
    };
  }
  return { file: new URL('./extract-worker.js', self), workerData: undefined };
}

/**
 * A small pool of extraction worker threads (R5): each runs one file at a time under a heap limit
 * and a timeout; a worker that times out, runs out of memory or crashes is terminated and replaced,
 * and its file gets a failed text status — the import goes on. Cancelling a task kills its worker.
 */
export class ExtractionPool {
  private readonly size: number;
  private readonly timeoutMs: number;
  private readonly maxOld: number;
  private readonly idleMs: number | undefined;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  /** Workers started so far (a start costs seconds: loading the parsers). */
  started = 0;

  constructor(opts: ExtractionPoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? Math.min(2, availableParallelism()));
    this.timeoutMs = opts.timeoutMs ?? 60_000;
    this.maxOld = opts.maxOldGenerationSizeMb ?? 512;
    this.idleMs = opts.idleMs;
  }

  /** Live workers (started, not yet ended). */
  get workers(): number {
    return this.slots.length;
  }

  run(
    path: string,
    kind: ExtractorKind,
    signal?: AbortSignal,
    opts: ExtractionTaskOptions = {},
  ): Promise<ExtractionResult> {
    if (this.closed) return Promise.reject(new Error('extraction pool closed'));
    if (signal?.aborted) return Promise.reject(cancelledError());
    return new Promise<ExtractionResult>((resolve, reject) => {
      const task: Task = {
        id: this.nextId++,
        path,
        kind,
        resolve,
        reject,
        timeoutMs: opts.timeoutMs ?? this.timeoutMs,
        ...(signal ? { signal } : {}),
      };
      this.queue.push(task);
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(cancelledError());
    for (const slot of this.slots) {
      const t = slot.task;
      this.release(slot);
      t?.reject(cancelledError());
    }
    await Promise.all(this.slots.splice(0).map((s) => this.kill(s)));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.ready && !s.task);
      if (!slot) {
        if (this.slots.length < this.size) this.spawn();
        return; // a slot picks the queue up when it becomes ready or free
      }
      const task = this.queue.shift()!;
      if (task.signal?.aborted) {
        task.reject(cancelledError());
        continue;
      }
      this.assign(slot, task);
    }
    for (const slot of this.slots) if (slot.ready && !slot.task) this.park(slot);
  }

  /**
   * An idle worker does not keep the process alive (a CLI ends when its command does), and in a
   * long-lived pool it ends after idleMs.
   */
  private park(slot: Slot): void {
    slot.worker.unref();
    if (this.idleMs === undefined || slot.idleTimer) return;
    slot.idleTimer = setTimeout(() => {
      slot.idleTimer = null;
      if (!slot.task && this.slots.includes(slot)) void this.dropSlot(slot);
    }, this.idleMs);
    slot.idleTimer.unref();
  }

  private spawn(): void {
    const { file, workerData } = workerEntry();
    const worker = new Worker(file, {
      ...(workerData ? { workerData } : {}),
      resourceLimits: { maxOldGenerationSizeMb: this.maxOld, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 },
      stdout: true,
      stderr: true,
    });
    // Parser chatter (pdf.js warnings) must not reach the CLI's output.
    worker.stdout.resume();
    worker.stderr.resume();
    const slot: Slot = { worker, ready: false, task: null, timer: null, onAbort: null, idleTimer: null };
    this.slots.push(slot);
    this.started++;
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'ready') {
        slot.ready = true;
        this.pump();
      } else if (m.type === 'result' && slot.task && slot.task.id === m.id) {
        const t = slot.task;
        this.release(slot);
        t.resolve(m.result);
        this.pump();
      }
    });
    worker.on('error', (e: Error & { code?: string }) => {
      // ERR_WORKER_OUT_OF_MEMORY: the file was too complex; anything else: the parser crashed.
      const r =
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? failed('EXTRACTION_TIMEOUT', 'memory')
          : failed('EXTRACTION_FAILED');
      this.retire(slot, r, e);
    });
    worker.on('exit', () => this.retire(slot, failed('EXTRACTION_FAILED', 'worker exit'), null));
  }

  private assign(slot: Slot, task: Task): void {
    slot.task = task;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      this.retire(slot, failed('EXTRACTION_TIMEOUT', `${Math.round(task.timeoutMs / 1000)} s`), null);
    }, task.timeoutMs);
    if (task.signal) {
      slot.onAbort = () => {
        if (slot.task !== task) return;
        this.release(slot);
        task.reject(cancelledError());
        void this.dropSlot(slot);
      };
      task.signal.addEventListener('abort', slot.onAbort, { once: true });
    }
    slot.worker.postMessage({ id: task.id, path: task.path, kind: task.kind } satisfies ExtractRequest);
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    if (slot.task?.signal && slot.onAbort) slot.task.signal.removeEventListener('abort', slot.onAbort);
    slot.timer = null;
    slot.onAbort = null;
    slot.task = null;
  }

  /** The worker is dead or must die: settle its task with `result` (or reject startup failures) and replace it. */
  private retire(slot: Slot, result: ExtractionResult, startupError: Error | null): void {
    if (!this.slots.includes(slot)) return;
    const task = slot.task;
    this.release(slot);
    void this.dropSlot(slot);
    if (task) task.resolve(result);
    else if (!slot.ready && startupError) {
      // The worker could not even start (broken install): fail queued tasks instead of looping.
      for (const t of this.queue.splice(0)) t.reject(startupError);
      return;
    }
    if (!this.closed) this.pump();
  }

  private async dropSlot(slot: Slot): Promise<void> {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    await this.kill(slot);
  }

  private async kill(slot: Slot): Promise<void> {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    slot.worker.removeAllListeners('exit');
    slot.worker.on('error', () => undefined);
    await slot.worker.terminate().catch(() => undefined);
  }
}
