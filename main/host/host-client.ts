// Main-thread side of the host worker: starts it, relays contract calls (a Dispatch like the
// in-process one), host operations and events, answers its dialog requests with the real (main
// thread) dialogs, and stops it. If the worker dies, pending and later calls answer INTERNAL.
import { Worker } from 'node:worker_threads';
import { appError, type Result } from '../contract/errors.js';
import type { AppEventListener } from '../contract/events.js';
import { VanKhoError } from '../core/errors/vankho-error.js';
import type { AppHostOptions } from '../index.js';
import type { Dispatch } from '../core/app/dispatch.js';
import { EventBus } from './event-bus.js';
import { LOCAL_ACTOR } from '../contract/request-context.js';
import type { FromWorker, HostOpName, HostOps, HostWorkerOptions, ToWorker } from './host-worker-protocol.js';

export interface HostClient {
  dispatch: Dispatch;
  subscribe(listener: AppEventListener): () => void;
  /** Runs a host operation in the worker; throws a VanKhoError carrying its AppError on failure. */
  op<K extends HostOpName>(op: K, ...args: Parameters<HostOps[K]>): Promise<Awaited<ReturnType<HostOps[K]>>>;
  stop(): Promise<void>;
}

function workerEntry(): { file: URL; workerData: { entry?: string } } {
  const self = import.meta.url;
  if (self.endsWith('.ts')) {
    return {
      file: new URL('./host-worker-bootstrap.mjs', self),
      workerData: { entry: new URL('./host-worker.ts', self).href },
    };
  }
  return { file: new URL('./host-worker.js', self), workerData: {} };
}

export async function startHostWorker(opts: AppHostOptions): Promise<HostClient> {
  const { dialogs, ...rest } = opts;
  const options: HostWorkerOptions = { ...rest, hasDialogs: dialogs != null };
  const { file, workerData } = workerEntry();
  const worker = new Worker(file, { workerData: { ...workerData, options } });
  const events = new EventBus();
  const pending = new Map<number, (r: Result<unknown>) => void>();
  let nextId = 1;
  let dead = false;

  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: FromWorker) => {
      switch (m.type) {
        case 'ready':
          resolve();
          return;
        case 'startFailed':
          reject(new VanKhoError(m.error.error));
          return;
        case 'reply':
          pending.get(m.id)?.(m.result);
          pending.delete(m.id);
          return;
        case 'event':
          events.emit(m.event);
          return;
        case 'dialog': {
          const reply = (value: unknown, error?: string): void =>
            worker.postMessage({
              type: 'dialogReply',
              id: m.id,
              value,
              ...(error ? { error } : {}),
            } satisfies ToWorker);
          if (!dialogs) return reply(null, 'no dialogs');
          const d = dialogs;
          const call: Promise<unknown> =
            m.name === 'pickDirectory'
              ? d.pickDirectory(m.args[0] as 'open' | 'create')
              : m.name === 'pickImportPaths'
                ? d.pickImportPaths(m.args[0] as boolean)
                : m.name === 'pickSavePath'
                  ? d.pickSavePath(m.args[0] as string, m.args[1] as 'bundle' | 'catalogue')
                  : d.pickSaveCopyPath(m.args[0] as string);
          call.then(
            (v) => reply(v),
            (e: unknown) => reply(null, String(e)),
          );
          return;
        }
      }
    });
    worker.on('error', (e) => {
      console.error('VanKho: host worker failed', e);
      reject(e);
    });
    worker.on('exit', () => {
      dead = true;
      for (const r of pending.values()) r({ ok: false, error: appError('INTERNAL', 'host stopped') });
      pending.clear();
      reject(new VanKhoError(appError('INTERNAL', 'host worker exited')));
    });
  });
  await ready;

  type Request = ToWorker extends infer T
    ? T extends { type: 'call' | 'op' | 'stop' }
      ? Omit<T, 'id'>
      : never
    : never;
  const send = (m: Request): Promise<Result<unknown>> => {
    if (dead) return Promise.resolve({ ok: false, error: appError('INTERNAL', 'host stopped') });
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      worker.postMessage({ ...m, id } as ToWorker);
    });
  };

  return {
    dispatch: (method, input, ctx) =>
      send({
        type: 'call',
        method,
        input,
        // Only the clonable part; without a context the caller is the person at this machine.
        ctx: {
          actor: ctx?.actor ?? LOCAL_ACTOR,
          ...(ctx?.remoteAddress !== undefined ? { remoteAddress: ctx.remoteAddress } : {}),
        },
      }),
    subscribe: (l) => events.subscribe(l),
    async op(op, ...args) {
      const r = await send({ type: 'op', op, args });
      if (!r.ok) throw new VanKhoError(r.error);
      return r.value as never;
    },
    async stop() {
      if (dead) return;
      await send({ type: 'stop' });
      await new Promise<void>((resolve) => {
        if (dead) resolve();
        else worker.once('exit', () => resolve());
      });
    },
  };
}
