// Who asks, and until when: every request reaches its handler with this context, whatever the
// transport (IPC, HTTP, the CLI in-process). Today every caller is the local person at this machine;
// an office server later puts its signed-in account here, and writes record it.

/** The caller of a request, as recorded with what it writes (who set a field, who ran a job). */
export interface Actor {
  /** Stable id: 'local' for the desktop app, web mode on 127.0.0.1 and the CLI. */
  id: string;
  kind: 'local' | 'account';
  /** Shown in history and job lists. */
  displayName: string;
}

export interface RequestContext {
  actor: Actor;
  /** Aborted when the caller went away (window closed, HTTP request aborted, Ctrl+C in the CLI). */
  signal: AbortSignal;
}

export const LOCAL_ACTOR: Actor = Object.freeze({
  id: 'local',
  kind: 'local',
  displayName: 'Máy này / This computer',
});

/** A context for a caller that never aborts its requests (in-process tests, the composition root). */
export function localContext(signal: AbortSignal = new AbortController().signal): RequestContext {
  return { actor: LOCAL_ACTOR, signal };
}
