// Calls through a running host's contract dispatch (validation included), as the renderer would.
// `call` returns the value and throws on an error result; `refused` expects an error and gives its
// code. The host is read at each call, so a test may restart it.
import { expect } from 'vitest';
import type { AppEvent, JobFinishedEvent } from '../../main/contract/events.js';
import type { Result } from '../../main/contract/errors.js';
import type { RequestContext } from '../../main/contract/request-context.js';

interface Dispatching {
  dispatch(method: string, input: unknown, ctx?: RequestContext): Promise<Result<unknown>>;
}

export function dispatcher(host: () => Dispatching) {
  return {
    /** `ctx`: who asks (default the local person). */
    async call<T>(method: string, input: unknown, ctx?: RequestContext): Promise<T> {
      const r = await host().dispatch(method, input, ctx);
      if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.detail ?? ''}`);
      return r.value as T;
    },
    async refused(method: string, input: unknown): Promise<string> {
      const r = await host().dispatch(method, input);
      expect(r.ok, method).toBe(false);
      return r.ok ? '' : r.error.code;
    },
  };
}

/** The end of one job, as its jobFinished event (subscribe before the job can end). */
export function jobFinished(
  events: { subscribe(listener: (e: AppEvent) => void): () => void },
  jobId: string,
): Promise<JobFinishedEvent> {
  return new Promise((resolve) => {
    const off = events.subscribe((e) => {
      if (e.type === 'jobFinished' && e.jobId === jobId) {
        off();
        resolve(e);
      }
    });
  });
}
