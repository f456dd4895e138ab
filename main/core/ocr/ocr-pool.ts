import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { appError, type AppError } from '../../contract/errors.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { cancelledError } from '../jobs/cancellation.js';
import type { OcrPageResult } from './ocr-engine.js';
import type { OcrPaths } from './ocr-paths.js';
import type { OcrRequest, OcrSourceKind, OcrWorkerConfig, OcrWorkerMessage } from './ocr-worker.js';

/** Default worker count: one per core minus one (the archive's thread and the UI keep a core). */
export function defaultOcrWorkers(): number {
  return Math.max(1, availableParallelism() - 1);
}

export interface OcrPoolOptions {
  langs: string;
  paths: OcrPaths;
  /** Worker threads (default: cores − 1, at least 1). */
  size?: number;
  /** Time limit of one page (default 120 s): past it the worker is killed and the page fails. */
  pageTimeoutMs?: number;
}

export type OcrOutcome = { ok: true; result: OcrPageResult } | { ok: false; error: AppError };

export interface OcrJob {
  path: string;
  kind: OcrSourceKind;
  page: number;
  dpi: number;
}

interface Task {
  id: number;
  job: OcrJob;
  resolve: (o: OcrOutcome) => void;
  reject: (e: unknown) => void;
  signal: AbortSignal | undefined;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task: Task | null;
  timer: NodeJS.Timeout | null;
  onAbort: (() => void) | null;
}

/** Where the worker starts: the compiled .js directly, or the .ts source through the tsx bootstrap. */
function workerEntry(config: OcrWorkerConfig): { file: URL; workerData: object } {
  const self = import.meta.url;
  if (self.endsWith('.ts')) {
    return {
      file: new URL('../ingest/extract-worker-bootstrap.mjs', self),
      workerData: { entry: new URL('./ocr-worker.ts', self).href, ocr: config },
    };
  }
  return { file: new URL('./ocr-worker.js', self), workerData: { ocr: config } };
}

/**
 * OCR worker threads, one page at a time each, with a time limit per page. A worker that times out
 * or crashes is replaced and its page gets a failed outcome (the run goes on); one that cannot even
 * start its engine (missing model) fails the tasks waiting, as an error, instead of looping.
 * Cancelling a page kills its worker (tesseract cannot be interrupted mid-page).
 */
export class OcrPool {
  readonly size: number;
  private readonly timeoutMs: number;
  private readonly config: OcrWorkerConfig;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  private startupError: AppError | null = null;

  constructor(opts: OcrPoolOptions) {
    this.size = Math.max(1, opts.size ?? defaultOcrWorkers());
    this.timeoutMs = opts.pageTimeoutMs ?? 120_000;
    this.config = { langs: opts.langs, paths: opts.paths };
  }

  run(job: OcrJob, signal?: AbortSignal): Promise<OcrOutcome> {
    if (this.closed) return Promise.reject(new Error('OCR pool closed'));
    if (signal?.aborted) return Promise.reject(cancelledError());
    if (this.startupError) return Promise.reject(new VanKhoError(this.startupError));
    return new Promise<OcrOutcome>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve, reject, signal });
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
        // Start as many workers as pages wait (up to the size): each takes seconds to load its model.
        const starting = this.slots.filter((s) => !s.ready).length;
        if (this.slots.length < this.size && starting < this.queue.length) this.spawn();
        return;
      }
      const task = this.queue.shift()!;
      if (task.signal?.aborted) {
        task.reject(cancelledError());
        continue;
      }
      this.assign(slot, task);
    }
  }

  private spawn(): void {
    const { file, workerData } = workerEntry(this.config);
    const worker = new Worker(file, {
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 },
      stdout: true,
      stderr: true,
    });
    // pdf.js and tesseract chatter must not reach the CLI's output.
    worker.stdout.resume();
    worker.stderr.resume();
    const slot: Slot = { worker, ready: false, task: null, timer: null, onAbort: null };
    this.slots.push(slot);
    worker.on('message', (m: OcrWorkerMessage) => {
      if (m.type === 'ready') {
        slot.ready = true;
        this.pump();
      } else if (m.type === 'startup-failed') {
        this.startupError = m.error;
        void this.dropSlot(slot);
        for (const t of this.queue.splice(0)) t.reject(new VanKhoError(m.error));
      } else if ((m.type === 'result' || m.type === 'failed') && slot.task?.id === m.id) {
        const t = slot.task;
        this.release(slot);
        t.resolve(m.type === 'result' ? { ok: true, result: m.result } : { ok: false, error: m.error });
        this.pump();
      }
    });
    worker.on('error', (e: Error & { code?: string }) => {
      const detail = e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'engine crashed';
      this.retire(slot, appError('OCR_FAILED', detail));
    });
    worker.on('exit', () => this.retire(slot, appError('OCR_FAILED', 'worker exit')));
  }

  private assign(slot: Slot, task: Task): void {
    slot.task = task;
    slot.timer = setTimeout(() => {
      // A limit under a second (the CLI's --timeout 0.05) reads as such, not as "0 s".
      const limit = this.timeoutMs < 1000 ? `${this.timeoutMs} ms` : `${Math.round(this.timeoutMs / 1000)} s`;
      this.retire(slot, appError('OCR_TIMEOUT', limit));
    }, this.timeoutMs);
    if (task.signal) {
      slot.onAbort = () => {
        if (slot.task !== task) return;
        this.release(slot);
        task.reject(cancelledError());
        void this.dropSlot(slot);
      };
      task.signal.addEventListener('abort', slot.onAbort, { once: true });
    }
    slot.worker.postMessage({ id: task.id, ...task.job } satisfies OcrRequest);
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    if (slot.task?.signal && slot.onAbort) slot.task.signal.removeEventListener('abort', slot.onAbort);
    slot.timer = null;
    slot.onAbort = null;
    slot.task = null;
  }

  /** The worker is dead or must die: its page fails with `error`, and a new worker takes over. */
  private retire(slot: Slot, error: AppError): void {
    if (!this.slots.includes(slot)) return;
    const task = slot.task;
    this.release(slot);
    void this.dropSlot(slot);
    if (task) task.resolve({ ok: false, error });
    else if (!slot.ready) {
      // Died while loading its engine: a broken install, not a bad page.
      this.startupError ??= error;
      for (const t of this.queue.splice(0)) t.reject(new VanKhoError(error));
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
    slot.worker.removeAllListeners('exit');
    slot.worker.on('error', () => undefined);
    await slot.worker.terminate().catch(() => undefined);
  }
}
