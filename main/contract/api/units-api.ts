// Đơn vị / phòng ban and read grants (issue 14). Units and who belongs to them are the
// administrator's; opening a hạn chế / mật document or hồ sơ to a unit or an account is the văn thư /
// lưu trữ's (main/contract/permissions.ts). A grant lets its holders read the document (or every
// document of the hồ sơ) in search, counts, facets, files and exports, whatever its level.
import { z } from 'zod';
import type { AccessGrantDto, UnitDto } from '../dto.js';
import { def, empty, id, returns } from './define.js';
import { recordCode } from './records-api.js';

const unitName = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(z.string().min(1).max(200));

/** One document or one hồ sơ (by mã hồ sơ). */
const target = z.union([z.object({ documentId: id }).strict(), z.object({ recordCode }).strict()]);
/** One unit or one account. */
const grantee = z.union([z.object({ unitId: id }).strict(), z.object({ userId: id }).strict()]);

export const UNITS_API = {
  unitsList: def(empty, returns<UnitDto[]>()),
  /** A name already used: INVALID_INPUT. */
  unitsCreate: def(z.object({ name: unitName }).strict(), returns<UnitDto>()),
  /** Its memberships and the grants made to it go with it. */
  unitsDelete: def(z.object({ unitId: id }).strict(), returns<UnitDto>()),
  /** The account's units, replacing what it had (usually one; several for a seconded cán bộ). */
  usersSetUnits: def(z.object({ userId: id, unitIds: z.array(id).max(100) }).strict(), returns<UnitDto[]>()),
  /** The grants on a document or hồ sơ. */
  grantsList: def(z.object({ target }).strict(), returns<AccessGrantDto[]>()),
  /** Opens the target to the grantee (the same grant again answers the one there). */
  grantsAdd: def(z.object({ target, to: grantee }).strict(), returns<AccessGrantDto>()),
  /** Withdraws a grant; answers it as it was. */
  grantsRemove: def(z.object({ grantId: id }).strict(), returns<AccessGrantDto>()),
} as const;
