// The access log (nhật ký truy cập, issue 14): who viewed, exported, edited or deleted what, when and
// from where, newest first; for administrators only (main/contract/permissions.ts).
import { z } from 'zod';
import { AUDIT_ACTIONS, type AuditPageDto } from '../dto.js';
import { def, returns, id } from './define.js';

/** An instant with its offset (clients turn a person's day into one with dayStartInstant). */
const instant = z.string().datetime({ offset: true });

/** Rows one request returns at most. */
export const AUDIT_PAGE_MAX = 1_000;

export const AUDIT_API = {
  /**
   * Rows matching every filter given. `user`: an account's user name, or 'local' (this computer, the
   * CLI); an unknown name is NOT_FOUND (a typo should not look like an empty log). `since` includes,
   * `until` excludes.
   */
  auditList: def(
    z
      .object({
        user: z.string().min(1).max(200).optional(),
        documentId: id.optional(),
        action: z.enum(AUDIT_ACTIONS).optional(),
        since: instant.optional(),
        until: instant.optional(),
        limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).default(100),
        offset: z.number().int().min(0).max(100_000_000).default(0),
      })
      .strict(),
    returns<AuditPageDto>(),
  ),
} as const;
