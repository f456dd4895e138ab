// The app and the open archive: what the app is, opening/creating an archive, the recent list,
// the integrity check and the sample documents.
import type { HandlersOf } from '../../contract/api.js';
import type { ARCHIVE_API } from '../../contract/api/archive-api.js';
import { appError } from '../../contract/errors.js';
import { grantedTo } from '../../contract/permissions.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { scopeOf } from '../archive/access.js';
import { checkArchive } from '../archive/check-archive.js';
import { notFound, type AppSession } from './session.js';

export function archiveHandlers(s: AppSession): HandlersOf<typeof ARCHIVE_API> {
  return {
    appInfo: (_input, ctx) => ({
      version: s.opts.version,
      host: s.opts.host,
      nativeDialogs: s.hasDialogs,
      samplesAvailable: s.samplePaths().length > 0,
      caller: {
        displayName: ctx.actor.displayName,
        role: ctx.actor.role,
        may: grantedTo(ctx.actor.role),
        kind: ctx.actor.kind,
      },
    }),
    archiveInfo: (_input, ctx) => (s.isOpen ? s.info(scopeOf(ctx.actor)) : null),
    archiveOpen: ({ dir }) => s.openDir(s.approvedDir(dir), false),
    archiveCreate: ({ dir }) => s.openDir(s.approvedDir(dir), true),
    archivePickDirectory: async ({ purpose }) => {
      const dir = await s.dialogs.pickDirectory(purpose);
      if (dir !== null) s.notePickedDir(dir);
      return dir;
    },
    archiveRecent: () => s.opts.recent.list(),
    archiveRecentRemove: ({ dir }) => {
      s.opts.recent.forget(dir);
      return s.opts.recent.list();
    },
    // The desktop's main process answers it before the host (main/electron/main.ts); nothing else can.
    sharedConnect: () => {
      throw new VanKhoError(appError('UNSUPPORTED', 'sharedConnect'));
    },
    archiveCheck: async ({ full }) => {
      const r = await checkArchive(s.vankho.archive, { full });
      return {
        ok: r.ok,
        full: r.full,
        checkedAt: r.checkedAt,
        schemaVersion: r.schemaVersion,
        problems: r.problems.map((p) => ({
          code: p.code,
          severity: p.severity,
          message: p.message,
          detail: p.detail,
        })),
        counts: { ...r.counts },
      };
    },
    archiveLoadSamples: (_input, ctx) => {
      const paths = s.samplePaths();
      if (paths.length === 0) throw notFound('samples');
      return { jobId: s.startImport(paths, [], ctx) };
    },
  };
}
