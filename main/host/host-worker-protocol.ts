// Messages between the main thread (Electron main process / web server) and the host worker that
// owns the database and the search index. Plain structured-clone data only.
import type { ArchiveInfo, ExportKind } from '../contract/dto.js';
import type { Result } from '../contract/errors.js';
import type { AppEvent } from '../contract/events.js';
import type { AppHostOptions } from '../index.js';
import type { StoredFileRef } from '../core/app/stored-file.js';
import type { UploadRoom } from './upload-store.js';
import type { Actor, RequestContext } from '../contract/request-context.js';
import type { SessionInfo } from '../contract/transport.js';

/**
 * The request context as it crosses to the worker: who asks and from where. An AbortSignal cannot be
 * cloned; a call's cancellation stays with the main thread (contract calls are short; long work runs
 * as jobs, cancelled by their own methods).
 */
export type WireContext = Omit<RequestContext, 'signal'>;

/** Operations of the host that are not contract requests (streaming, menu actions). */
export interface HostOps {
  /**
   * A stored original the caller may read (NOT_FOUND otherwise); serving it is audited (view/download).
   * With `page`, what the preview shows of that page (a TIFF's page as a PNG: storedPreview).
   */
  storedFile(
    ctx: WireContext,
    fileId: number,
    download: boolean,
    page?: number,
  ): StoredFileRef | Promise<StoredFileRef>;
  /** A finished export of the caller's own job (admins: any). */
  exportFile(ctx: WireContext, jobId: string): StoredFileRef;
  /**
   * Takes over a file the main thread received (an HTTP upload) as an upload of the caller (its account's
   * caps; default the local person); returns its id.
   */
  adoptUpload(name: string, path: string, ctx?: WireContext): string;
  /** What the caller may still upload: the session's cap, and its account's, minus what is held. */
  uploadRoom(ctx?: WireContext): UploadRoom;
  /** Server mode: signs in (LOGIN_FAILED / ACCOUNT_LOCKED otherwise); the token goes to the cookie only. */
  login(
    username: string,
    password: string,
    remoteAddress: string | null,
  ): { token: string; info: SessionInfo };
  /** The signed-in caller of a session cookie's token, or null (unknown, expired, disabled). */
  session(token: string): { actor: Actor; info: SessionInfo } | null;
  logout(token: string, remoteAddress: string | null): null;
  /** Enabled administrators of the open archive (server mode refuses to start without one). */
  adminCount(): number;
  /** `vankho serve --admin NAME`: the first administrator, its password from standard input. */
  addAdmin(username: string, password: string): null;
  backupTo(out: string): { documents: number; files: number; out: string };
  restoreInto(backupFile: string, dir: string): ArchiveInfo;
  openDir(dir: string, create: boolean): ArchiveInfo;
}
export type HostOpName = keyof HostOps;

export type HostWorkerOptions = Omit<AppHostOptions, 'dialogs'> & { hasDialogs: boolean };

export type DialogName = 'pickDirectory' | 'pickImportPaths' | 'pickSavePath' | 'pickSaveCopyPath';
export type DialogArgs =
  [purpose: 'open' | 'create'] | [folders: boolean] | [name: string, kind: ExportKind] | [name: string];

/** Main → worker. */
export type ToWorker =
  | { type: 'call'; id: number; method: string; input: unknown; ctx: WireContext }
  | { type: 'op'; id: number; op: HostOpName; args: unknown[] }
  | { type: 'dialogReply'; id: number; value: unknown; error?: string }
  | { type: 'stop'; id: number };

/** Worker → main. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'startFailed'; error: Result<never> & { ok: false } }
  | { type: 'reply'; id: number; result: Result<unknown> }
  | { type: 'event'; event: AppEvent }
  | { type: 'dialog'; id: number; name: DialogName; args: DialogArgs };
