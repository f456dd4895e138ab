// Every contract handler, joined from the per-domain modules over one session: the object the
// dispatcher calls for the desktop app, web mode and the CLI alike, each leaving its audit rows.
import type { ApiHandlers } from '../../contract/api.js';
import { archiveHandlers } from './archive-handlers.js';
import { auditHandlers } from './audit-handlers.js';
import { auditedHandlers } from './audited-handlers.js';
import { backupHandlers } from './backup-handlers.js';
import { documentsHandlers } from './documents-handlers.js';
import { exportHandlers } from './export-handlers.js';
import { extractHandlers } from './extract-handlers.js';
import { importHandlers } from './import-handlers.js';
import { jobsHandlers } from './jobs-handlers.js';
import { ocrHandlers } from './ocr-handlers.js';
import { recordsHandlers } from './records-handlers.js';
import { searchHandlers } from './search-handlers.js';
import type { AppSession } from './session.js';
import { tagsHandlers } from './tags-handlers.js';
import { unitsHandlers } from './units-handlers.js';
import { usersHandlers } from './users-handlers.js';

export function createApiHandlers(session: AppSession): ApiHandlers {
  return auditedHandlers(session, {
    ...archiveHandlers(session),
    ...searchHandlers(session),
    ...documentsHandlers(session),
    ...tagsHandlers(session),
    ...importHandlers(session),
    ...exportHandlers(session),
    ...backupHandlers(session),
    ...extractHandlers(),
    ...jobsHandlers(session),
    ...ocrHandlers(session),
    ...recordsHandlers(session),
    ...auditHandlers(session),
    ...usersHandlers(session),
    ...unitsHandlers(session),
  });
}
