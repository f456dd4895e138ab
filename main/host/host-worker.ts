// The host worker: owns the archive database and the search index (SQLite and the synchronous
// search run here, off the main thread's event loop), answers contract calls and host operations,
// forwards events, and asks the main thread for native dialogs when the desktop app has them.
import { parentPort, workerData } from 'node:worker_threads';
import { isApiMethod } from '../contract/api.js';
import { appError, type Result } from '../contract/errors.js';
import { mayCall, METHOD_PERMISSIONS } from '../contract/permissions.js';
import type { HostDialogs } from '../core/app/session.js';
import { startAppHost, type AppHost } from '../index.js';
import type {
  DialogArgs,
  DialogName,
  FromWorker,
  HostOps,
  HostWorkerOptions,
  ToWorker,
} from './host-worker-protocol.js';
import { toAppError } from '../core/errors/to-app-error.js';
import type { RequestContext } from '../contract/request-context.js';
import { uploadOwnerOf } from '../core/app/ports.js';
import { scopeOf } from '../core/archive/access.js';
import { getFile } from '../core/archive/documents-repo.js';
import { appendAudit } from '../core/accounts/audit-store.js';
import { requireOwnJob } from '../core/app/recorded-jobs.js';
import { sessionOf, signIn, signOut } from '../core/accounts/sign-in.js';
import { insertUser, listUsers, type UserRow } from '../core/accounts/users-store.js';
import { hashPassword } from '../core/accounts/password.js';
import type { SessionInfo } from '../contract/transport.js';

function sessionInfo(user: UserRow, session: { csrfToken: string; expiresAt: string }): SessionInfo {
  return {
    user: { username: user.username, displayName: user.displayName, role: user.role },
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
  };
}

const NEVER_ABORTED = new AbortController().signal;

/**
 * Requests started per event-loop turn: between two turns every I/O callback that is ready runs, so
 * a job's next step waits for at most this many requests. A search takes milliseconds; a turn
 * without I/O costs microseconds.
 */
const REQUESTS_PER_TURN = 4;

/**
 * Served before the searches and reads queued: the session lookup every signed-in HTTP request starts
 * with (cheap), uploads, and the writes of those allowed to make them. An archivist's import is a
 * chain of such requests (each upload, then marking each document filed), and each waited behind
 * every reader's search (issue 14). Writes come from the few archivists and are short transactions;
 * a write the caller may not make is refused in line with the reads, so it jumps no queue.
 */
function isUrgent(m: ToWorker): boolean {
  if (m.type === 'op') return m.op !== 'storedFile' && m.op !== 'exportFile';
  if (m.type !== 'call') return false;
  return (
    isApiMethod(m.method) && METHOD_PERMISSIONS[m.method] !== 'read' && mayCall(m.ctx.actor.role, m.method)
  );
}

const port = parentPort;
if (!port) throw new Error('host-worker must run in a worker thread');
const options = (workerData as { options: HostWorkerOptions }).options;

const post = (m: FromWorker): void => port.postMessage(m);

let nextDialogId = 1;
const pendingDialogs = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
function askMain<T>(name: DialogName, args: DialogArgs): Promise<T> {
  const id = nextDialogId++;
  return new Promise<T>((resolve, reject) => {
    pendingDialogs.set(id, { resolve: resolve as (v: unknown) => void, reject });
    post({ type: 'dialog', id, name, args });
  });
}
const remoteDialogs: HostDialogs = {
  pickDirectory: (purpose) => askMain('pickDirectory', [purpose]),
  pickImportPaths: (folders) => askMain('pickImportPaths', [folders]),
  pickSavePath: (name, kind) => askMain('pickSavePath', [name, kind]),
  pickSaveCopyPath: (name) => askMain('pickSaveCopyPath', [name]),
};

function opsOf(host: AppHost): { [K in keyof HostOps]: (...args: Parameters<HostOps[K]>) => unknown } {
  const s = host.service;
  return {
    storedFile: async (ctx, id, download, page) => {
      const ref = page
        ? await s.storedPreview(id, page, scopeOf(ctx.actor))
        : s.storedFile(id, scopeOf(ctx.actor));
      const file = getFile(s.db, id);
      // Through the archive's one write path, as a read's row (audited-handlers.ts): no fsync of its own.
      s.vankho.archive.write(
        (db) =>
          appendAudit(db, {
            actor: ctx.actor,
            action: download ? 'download' : 'view',
            documentId: file?.documentId ?? null,
            remoteAddress: ctx.remoteAddress ?? null,
            detail: page ? `file #${id} p. ${page}` : `file #${id}`,
          }),
        { durable: false },
      );
      return ref;
    },
    exportFile: (ctx, jobId) => {
      requireOwnJob(s, ctx.actor, jobId);
      return s.exportFile(jobId);
    },
    login: async (username, password, remoteAddress) => {
      const r = await signIn(s.db, username, password, remoteAddress);
      return { token: r.session.token, info: sessionInfo(r.user, r.session) };
    },
    session: (token) => {
      const live = sessionOf(s.db, token);
      return live ? { actor: live.actor, info: sessionInfo(live.user, live) } : null;
    },
    logout: (token, remoteAddress) => {
      signOut(s.db, token, remoteAddress);
      return null;
    },
    adminCount: () => listUsers(s.db).filter((u) => u.role === 'admin' && !u.disabled).length,
    addAdmin: async (username, password) => {
      insertUser(s.db, { username, role: 'admin', passwordHash: await hashPassword(password) });
      return null;
    },
    adoptUpload: (name, path, ctx) => host.uploads.adopt(name, path, ctx ? uploadOwnerOf(ctx.actor) : null),
    uploadRoom: (ctx) => host.uploads.room(ctx ? uploadOwnerOf(ctx.actor) : null),
    backupTo: async (out) => {
      const r = await s.backupTo(out);
      return { documents: r.documents, files: r.files, out: r.out };
    },
    restoreInto: (file, dir) => s.restoreInto(file, dir),
    openDir: (dir, create) => s.openDir(dir, create),
  };
}

async function main(): Promise<void> {
  let host: AppHost;
  try {
    const { hasDialogs, ...rest } = options;
    host = await startAppHost({ ...rest, dialogs: hasDialogs ? remoteDialogs : null });
  } catch (e) {
    post({ type: 'startFailed', error: { ok: false, error: toAppError(e) } });
    return;
  }
  host.events.subscribe((event) => post({ type: 'event', event }));
  const ops = opsOf(host);
  // Requests wait here and start a few per event-loop turn. Node's MessagePort hands over up to 1000
  // queued messages per turn, and readers refill the queue as fast as it empties: each I/O step of
  // a job (a file read, an fsync, an extraction reply) then waited behind ~1000 searches, and an
  // import under 50 readers made no progress until they stopped (issue 14). A dialog answer is not
  // a request: it resumes a call already started. Urgent requests (isUrgent) go first in a turn.
  const queued: ToWorker[] = [];
  const urgentQueued: ToWorker[] = [];
  let turnScheduled = false;
  const serveTurn = (): void => {
    turnScheduled = false;
    const urgent = urgentQueued.splice(0, REQUESTS_PER_TURN);
    const turn = [...urgent, ...queued.splice(0, REQUESTS_PER_TURN - urgent.length)];
    for (const m of turn) void handle(m);
    if (queued.length > 0 || urgentQueued.length > 0) scheduleTurn();
  };
  const scheduleTurn = (): void => {
    if (turnScheduled) return;
    turnScheduled = true;
    setImmediate(serveTurn);
  };
  port!.on('message', (m: ToWorker) => {
    if (m.type === 'dialogReply') {
      void handle(m);
      return;
    }
    (isUrgent(m) ? urgentQueued : queued).push(m);
    scheduleTurn();
  });
  async function handle(m: ToWorker): Promise<void> {
    switch (m.type) {
      case 'call': {
        const ctx: RequestContext = { ...m.ctx, signal: NEVER_ABORTED };
        post({ type: 'reply', id: m.id, result: await host.dispatch(m.method, m.input, ctx) });
        return;
      }
      case 'op': {
        let result: Result<unknown>;
        try {
          const fn = ops[m.op] as ((...a: unknown[]) => unknown) | undefined;
          if (!fn) throw new Error(`unknown op ${m.op}`);
          result = { ok: true, value: await fn(...m.args) };
        } catch (e) {
          result = { ok: false, error: toAppError(e) };
        }
        post({ type: 'reply', id: m.id, result });
        return;
      }
      case 'dialogReply': {
        const p = pendingDialogs.get(m.id);
        pendingDialogs.delete(m.id);
        if (m.error !== undefined) p?.reject(new Error(m.error));
        else p?.resolve(m.value);
        return;
      }
      case 'stop':
        for (const p of pendingDialogs.values()) p.reject(new Error('stopping'));
        await host.stop();
        post({ type: 'reply', id: m.id, result: { ok: true, value: null } });
        port!.close();
        return;
    }
  }
  post({ type: 'ready' });
}

main().catch((e: unknown) => {
  post({
    type: 'startFailed',
    error: { ok: false, error: e instanceof Error ? toAppError(e) : appError('INTERNAL') },
  });
});
