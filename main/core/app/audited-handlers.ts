// The one place a contract method's audit rows are appended (declared per method in method-audit.ts),
// around every handler, so no handler and no transport can forget one. A change's rows join the
// change's own transaction; a read's rows follow its answer.
import { API_METHODS, type ApiHandlers, type ApiMethod } from '../../contract/api.js';
import { METHOD_PERMISSIONS } from '../../contract/permissions.js';
import type { RequestContext } from '../../contract/request-context.js';
import { appendAuditRows } from '../accounts/audit-store.js';
import { knownAppError } from '../errors/to-vankho-error.js';
import { METHOD_AUDIT, methodAuditEntries, type MethodAudit } from './method-audit.js';
import type { AppSession } from './session.js';

type AnyHandler = (input: unknown, ctx: RequestContext) => unknown;

export function auditedHandlers(s: AppSession, handlers: ApiHandlers): ApiHandlers {
  const out: Record<string, AnyHandler> = { ...(handlers as unknown as Record<string, AnyHandler>) };
  for (const method of API_METHODS) {
    const rule = METHOD_AUDIT[method] as MethodAudit<ApiMethod> | null;
    if (!rule) continue;
    const handler = (handlers[method] as unknown as AnyHandler).bind(handlers);
    // A read's rows (who viewed, printed, saved a copy) are committed without an fsync of their own
    // (archive.ts, durable: false): a reader opening a document cost two, on the thread every
    // caller waits for. Changes' rows stay durable with their change (trashEmpty's too).
    const durable = METHOD_PERMISSIONS[method] !== 'read';
    out[method] =
      rule.write === 'with-change'
        ? // Synchronous by declaration: better-sqlite3 refuses a transaction whose function returns a promise.
          (input, ctx) =>
            s.vankho.archive.write((db) => {
              const before = rule.before?.(db, input as never) ?? [];
              const value = handler(input, ctx);
              appendAuditRows(
                db,
                methodAuditEntries(method, rule, ctx, input as never, value as never, before),
              );
              return value;
            })
        : async (input, ctx) => {
            const before = rule.before?.(s.db, input as never) ?? [];
            const value = await handler(input, ctx);
            const archive = s.vankho.archive;
            // Read-only beside the app (a CLI read): the holder of the archive writes, not us.
            if (archive.readonly) return value;
            try {
              archive.write(
                (db) =>
                  appendAuditRows(
                    db,
                    methodAuditEntries(method, rule, ctx, input as never, value as never, before),
                  ),
                { durable },
              );
            } catch (e) {
              // The answer is already given (a file copied, a page shown); a full disk must not turn a
              // read into an error. Said on stderr, where the host keeps its log.
              console.error('VanKho: audit row not written', method, knownAppError(e)?.code ?? e);
            }
            return value;
          };
  }
  return out as unknown as ApiHandlers;
}
