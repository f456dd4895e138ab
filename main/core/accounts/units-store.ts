// The one place of the units, unit_members and access_grants tables' SQL (migration 014): đơn vị /
// phòng ban, who belongs to them, and the grants opening a hạn chế / mật document or hồ sơ to a unit
// or an account. The read filter that honours the grants is core/archive/access.ts (its views); a
// trashed document's grants go through the trash by ACCESS_GRANTS_TRASH_HOOK (registered by openVanKho).
import { appError } from '../../contract/errors.js';
import type { AccessGrantDto, UnitDto } from '../../contract/dto.js';
import type { Db } from '../archive/database.js';
import type { TrashHook } from '../archive/trash.js';
import { VanKhoError } from '../errors/vankho-error.js';
import type { ChangedBy } from './account-admin.js';
import { appendAudit } from './audit-store.js';

const notFound = (what: string): VanKhoError => new VanKhoError(appError('NOT_FOUND', what));

function unitName(name: string): string {
  const n = name.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (n.length === 0 || n.length > 200) throw new VanKhoError(appError('INVALID_INPUT', 'unit name'));
  return n;
}

export function listUnits(db: Db): UnitDto[] {
  const members = new Map<number, number[]>();
  for (const [unitId, userId] of db
    .prepare<[], [number, number]>(
      'SELECT m.unit_id, m.user_id FROM unit_members m JOIN users u ON u.id = m.user_id ORDER BY u.username',
    )
    .raw()
    .all())
    members.set(unitId, [...(members.get(unitId) ?? []), userId]);
  return db
    .prepare<[], { id: number; name: string }>('SELECT id, name FROM units ORDER BY name')
    .all()
    .map((u) => ({ id: u.id, name: u.name, memberIds: members.get(u.id) ?? [] }));
}

export function getUnit(db: Db, unitId: number): UnitDto {
  const u = listUnits(db).find((x) => x.id === unitId);
  if (!u) throw notFound(`unit #${unitId}`);
  return u;
}

/** A unit by its name (NOCASE, as typed on the command line), or NOT_FOUND. */
export function requireUnitByName(db: Db, name: string): UnitDto {
  const id = db.prepare<[string], number>('SELECT id FROM units WHERE name = ?').pluck().get(unitName(name));
  if (id === undefined) throw notFound(`unit ${name}`);
  return getUnit(db, id);
}

function auditUnits(db: Db, by: ChangedBy, detail: Record<string, unknown>): void {
  appendAudit(db, {
    actor: by.actor,
    action: 'users',
    remoteAddress: by.remoteAddress ?? null,
    detail: JSON.stringify(detail),
  });
}

/** INVALID_INPUT when the name is taken (names are what people type, so they must be unique). */
export function createUnit(db: Db, by: ChangedBy, name: string): UnitDto {
  const n = unitName(name);
  return db.transaction(() => {
    if (db.prepare('SELECT 1 FROM units WHERE name = ?').get(n))
      throw new VanKhoError(appError('INVALID_INPUT', `đơn vị đã có / unit exists: ${n}`));
    const info = db
      .prepare('INSERT INTO units (name, created_at) VALUES (?, ?)')
      .run(n, new Date().toISOString());
    auditUnits(db, by, { op: 'unit-create', unit: n });
    return getUnit(db, Number(info.lastInsertRowid));
  })();
}

/** Removes the unit, its memberships and the grants made to it. */
export function deleteUnit(db: Db, by: ChangedBy, unitId: number): UnitDto {
  return db.transaction(() => {
    const u = getUnit(db, unitId);
    const grants = db
      .prepare<[number], number>('SELECT count(*) FROM access_grants WHERE unit_id = ?')
      .pluck()
      .get(unitId)!;
    db.prepare('DELETE FROM units WHERE id = ?').run(unitId);
    auditUnits(db, by, { op: 'unit-delete', unit: u.name, grants });
    return u;
  })();
}

/** The units an account belongs to, by name. */
export function unitsOfUser(db: Db, userId: number): UnitDto[] {
  return listUnits(db).filter((u) => u.memberIds.includes(userId));
}

/** Sets the units of an account (usually one phòng/ban; several when seconded); one audit row. */
export function setUserUnits(db: Db, by: ChangedBy, userId: number, unitIds: readonly number[]): UnitDto[] {
  return db.transaction(() => {
    const user = db.prepare<[number], string>('SELECT username FROM users WHERE id = ?').pluck().get(userId);
    if (user === undefined) throw notFound(`user ${userId}`);
    const wanted = [...new Set(unitIds)].map((id) => getUnit(db, id));
    const before = unitsOfUser(db, userId).map((u) => u.name);
    db.prepare('DELETE FROM unit_members WHERE user_id = ?').run(userId);
    const insert = db.prepare('INSERT INTO unit_members (unit_id, user_id) VALUES (?, ?)');
    for (const u of wanted) insert.run(u.id, userId);
    const after = unitsOfUser(db, userId);
    const to = after.map((u) => u.name);
    if (before.join('\n') !== to.join('\n'))
      auditUnits(db, by, { user, from: { units: before }, to: { units: to } });
    return after;
  })();
}

interface RawGrant {
  id: number;
  document_id: number | null;
  record_code: string | null;
  unit_id: number | null;
  unit_name: string | null;
  user_id: number | null;
  username: string | null;
  granted_by: string;
  granted_at: string;
}

const GRANT_SELECT = `SELECT g.id, g.document_id, r.code AS record_code, g.unit_id, n.name AS unit_name,
    g.user_id, u.username, g.granted_by, g.granted_at
  FROM access_grants g LEFT JOIN records r ON r.id = g.record_id LEFT JOIN units n ON n.id = g.unit_id
  LEFT JOIN users u ON u.id = g.user_id`;

function grantDto(g: RawGrant): AccessGrantDto {
  return {
    id: g.id,
    documentId: g.document_id,
    recordCode: g.record_code,
    unit: g.unit_id !== null ? { id: g.unit_id, name: g.unit_name! } : null,
    user: g.user_id !== null ? { id: g.user_id, username: g.username! } : null,
    grantedBy: g.granted_by,
    grantedAt: g.granted_at,
  };
}

/** What is opened: one document or one hồ sơ (its id; the caller resolved the code). */
export type GrantTarget = { documentId: number } | { recordId: number };
/** To whom: one unit or one account. */
export type Grantee = { unitId: number } | { userId: number };

/** The grants on one document or hồ sơ, or all of them. */
export function listGrants(db: Db, target?: GrantTarget): AccessGrantDto[] {
  if (!target) return db.prepare<[], RawGrant>(`${GRANT_SELECT} ORDER BY g.id`).all().map(grantDto);
  const [col, id] =
    'documentId' in target ? ['document_id', target.documentId] : ['record_id', target.recordId];
  return db
    .prepare<[number], RawGrant>(`${GRANT_SELECT} WHERE g.${col} = ? ORDER BY g.id`)
    .all(id)
    .map(grantDto);
}

export function getGrant(db: Db, grantId: number): AccessGrantDto {
  const g = db.prepare<[number], RawGrant>(`${GRANT_SELECT} WHERE g.id = ?`).get(grantId);
  if (!g) throw notFound(`grant #${grantId}`);
  return grantDto(g);
}

/**
 * Opens the target to the grantee; the same grant twice answers the one there. The caller's
 * transaction holds the audit row (the contract's METHOD_AUDIT, or the CLI through it).
 */
export function addGrant(db: Db, actorId: string, target: GrantTarget, to: Grantee): AccessGrantDto {
  const documentId = 'documentId' in target ? target.documentId : null;
  const recordId = 'recordId' in target ? target.recordId : null;
  if (documentId !== null && !db.prepare('SELECT 1 FROM documents WHERE id = ?').get(documentId))
    throw notFound(`document #${documentId}`);
  if (recordId !== null && !db.prepare('SELECT 1 FROM records WHERE id = ?').get(recordId))
    throw notFound(`hồ sơ #${recordId}`);
  const unitId = 'unitId' in to ? to.unitId : null;
  const userId = 'userId' in to ? to.userId : null;
  if (unitId !== null) getUnit(db, unitId);
  if (userId !== null && !db.prepare('SELECT 1 FROM users WHERE id = ?').get(userId))
    throw notFound(`user ${userId}`);
  db.prepare(
    `INSERT INTO access_grants (document_id, record_id, unit_id, user_id, granted_by, granted_at)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  ).run(documentId, recordId, unitId, userId, actorId, new Date().toISOString());
  const id = db
    .prepare<[number, number, number, number], number>(
      `SELECT id FROM access_grants WHERE ifnull(document_id, 0) = ? AND ifnull(record_id, 0) = ?
        AND ifnull(unit_id, 0) = ? AND ifnull(user_id, 0) = ?`,
    )
    .pluck()
    .get(documentId ?? 0, recordId ?? 0, unitId ?? 0, userId ?? 0)!;
  return getGrant(db, id);
}

/** Withdraws a grant; answers it as it was. */
export function removeGrant(db: Db, grantId: number): AccessGrantDto {
  const g = getGrant(db, grantId);
  db.prepare('DELETE FROM access_grants WHERE id = ?').run(grantId);
  return g;
}

// ---- the trash's view of access_grants (core/archive/trash.ts, registered by openVanKho) ---------

/** A trashed document's grant: by the unit's name and the account's user name (ids are reused). */
interface TrashedGrant {
  unit_name: string | null;
  username: string | null;
  granted_by: string;
  granted_at: string;
}

/**
 * A document's read grants through the trash (they cascade away with it): restore relinks them to
 * the units and accounts that still exist, by name; a unit deleted meanwhile stays without its grant,
 * as deleting it withdrew its other grants. An identity merge leaves them with the source (in the
 * trash): the twin keeps the grants of its own.
 */
export const ACCESS_GRANTS_TRASH_HOOK: TrashHook = {
  key: 'access_grants',
  snapshot: (db, documentId) =>
    db
      .prepare(
        `SELECT n.name AS unit_name, u.username, g.granted_by, g.granted_at FROM access_grants g
         LEFT JOIN units n ON n.id = g.unit_id LEFT JOIN users u ON u.id = g.user_id WHERE g.document_id = ?`,
      )
      .all(documentId),
  restore: (db, documentId, saved) => {
    // Absent in snapshots written before schema 14's grants were kept (they were lost).
    const unitByName = db.prepare<[string], number>('SELECT id FROM units WHERE name = ?').pluck();
    const userByName = db.prepare<[string], number>('SELECT id FROM users WHERE username = ?').pluck();
    const add = db.prepare(
      `INSERT OR IGNORE INTO access_grants (document_id, unit_id, user_id, granted_by, granted_at)
       VALUES (?, ?, ?, ?, ?)`,
    );
    for (const g of (saved ?? []) as TrashedGrant[]) {
      const unitId = g.unit_name != null ? unitByName.get(g.unit_name) : null;
      const userId = g.username != null ? userByName.get(g.username) : null;
      if (unitId === undefined || userId === undefined || (unitId === null) === (userId === null)) continue;
      add.run(documentId, unitId, userId, g.granted_by, g.granted_at);
    }
  },
  merge: () => undefined,
  unmerge: () => undefined,
};
