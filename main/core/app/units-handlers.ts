// Units (đơn vị), memberships and read grants at the contract (issue 14). Unit and membership
// changes write their audit row in core/accounts/units-store.ts; a grant's row comes from
// METHOD_AUDIT ('access', in the grant's transaction).
import type { HandlersOf } from '../../contract/api.js';
import type { UNITS_API } from '../../contract/api/units-api.js';
import type { RequestContext } from '../../contract/request-context.js';
import type { ChangedBy } from '../accounts/account-admin.js';
import {
  addGrant,
  createUnit,
  deleteUnit,
  listGrants,
  listUnits,
  removeGrant,
  setUserUnits,
  type GrantTarget,
} from '../accounts/units-store.js';
import type { Db } from '../archive/database.js';
import { getRecord } from '../records/records-store.js';
import type { AppSession } from './session.js';

const byOf = (ctx: RequestContext): ChangedBy => ({
  actor: ctx.actor,
  remoteAddress: ctx.remoteAddress ?? null,
});

/** A hồ sơ by its code (NOT_FOUND when unknown), as the grants table holds it: by id. */
function targetOf(db: Db, t: { documentId: number } | { recordCode: string }): GrantTarget {
  return 'documentId' in t ? { documentId: t.documentId } : { recordId: getRecord(db, t.recordCode).id };
}

export function unitsHandlers(s: AppSession): HandlersOf<typeof UNITS_API> {
  return {
    unitsList: () => listUnits(s.db),
    unitsCreate: ({ name }, ctx) => s.vankho.archive.write((db) => createUnit(db, byOf(ctx), name)),
    unitsDelete: ({ unitId }, ctx) => s.vankho.archive.write((db) => deleteUnit(db, byOf(ctx), unitId)),
    usersSetUnits: ({ userId, unitIds }, ctx) =>
      s.vankho.archive.write((db) => setUserUnits(db, byOf(ctx), userId, unitIds)),
    grantsList: ({ target }) => listGrants(s.db, targetOf(s.db, target)),
    grantsAdd: ({ target, to }, ctx) =>
      s.vankho.archive.write((db) => addGrant(db, ctx.actor.id, targetOf(db, target), to)),
    grantsRemove: ({ grantId }) => s.vankho.archive.write((db) => removeGrant(db, grantId)),
  };
}
