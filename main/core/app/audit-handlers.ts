// The access log at the contract: the store's rows, filtered by an account's name rather than its
// internal actor id, and counted for paging.
import type { HandlersOf } from '../../contract/api.js';
import type { AUDIT_API } from '../../contract/api/audit-api.js';
import { LOCAL_ACTOR } from '../../contract/request-context.js';
import { countAudit, listAudit, type AuditFilter } from '../accounts/audit-store.js';
import { actorOf, listUsers, requireUser } from '../accounts/users-store.js';
import type { AppSession } from './session.js';

export function auditHandlers(s: AppSession): HandlersOf<typeof AUDIT_API> {
  return {
    auditList: ({ user, documentId, action, since, until, limit, offset }) => {
      const filter: AuditFilter = {
        ...(user !== undefined
          ? { actor: user === LOCAL_ACTOR.id ? LOCAL_ACTOR.id : actorOf(requireUser(s.db, user)).id }
          : {}),
        ...(documentId !== undefined ? { documentId } : {}),
        ...(action !== undefined ? { action } : {}),
        // Stored as UTC ISO text: compared as such whatever offset the client wrote.
        ...(since !== undefined ? { since: new Date(since).toISOString() } : {}),
        ...(until !== undefined ? { until: new Date(until).toISOString() } : {}),
      };
      // Accounts are few (an office's staff): one read names them all.
      const names = new Map(listUsers(s.db).map((u) => [actorOf(u).id, u.username]));
      names.set(LOCAL_ACTOR.id, LOCAL_ACTOR.id);
      const items = listAudit(s.db, { ...filter, limit, offset }).map((r) => ({
        ...r,
        username: names.get(r.actor) ?? null,
      }));
      return { total: countAudit(s.db, filter), offset, items };
    },
  };
}
