// Who asks, and until when: every request reaches its handler with this context, whatever the
// transport (IPC, HTTP, the CLI in-process). Today every caller is the local person at this machine;
// an office server later puts its signed-in account here, and writes record it.
import type { CallerRole, RecordAccessLevel } from './dto.js';

/** What a caller may do: quản trị (users, settings), văn thư/lưu trữ (import, edit, hồ sơ, export), cán bộ (read). */
export type Role = CallerRole;

/** Mức độ tiếp cận of a document or hồ sơ (công khai / hạn chế / mật). */
export type AccessLevel = RecordAccessLevel;

/** The caller of a request, as recorded with what it writes (who set a field, who ran a job). */
export interface Actor {
  /** Stable id: 'local' for the desktop app, web mode on 127.0.0.1 and the CLI. */
  id: string;
  kind: 'local' | 'account';
  /** Shown in history and job lists. */
  displayName: string;
  role: Role;
  /**
   * The access levels this caller may read. The core leaves everything else out of every answer
   * (search hits, counts, facets, previews, files, exports), not only the screens.
   */
  readable: readonly AccessLevel[];
}

export interface RequestContext {
  actor: Actor;
  /** Aborted when the caller went away (window closed, HTTP request aborted, Ctrl+C in the CLI). */
  signal: AbortSignal;
  /** Where the request came from, for the audit log: a client's IP address; absent for this machine. */
  remoteAddress?: string;
}

export const LOCAL_ACTOR: Actor = Object.freeze({
  id: 'local',
  kind: 'local',
  displayName: 'Máy này / This computer',
  role: 'admin',
  // The person at this machine owns the archive folder anyway; hiding nothing from them is honest.
  readable: Object.freeze(['cong-khai', 'han-che', 'mat'] as const),
});

/** A context for a caller that never aborts its requests (in-process tests, the composition root). */
export function localContext(signal: AbortSignal = new AbortController().signal): RequestContext {
  return { actor: LOCAL_ACTOR, signal };
}
