// Extraction without filing (`vankho extract`, extractPreview): needs no open archive.
import { isAbsolute } from 'node:path';
import type { HandlersOf } from '../../contract/api.js';
import type { EXTRACT_API } from '../../contract/api/extract-api.js';
import { appError } from '../../contract/errors.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { buildExtractPreview, previewPagesOfFile, previewPagesOfText } from '../ingest/extract-preview.js';

export function extractHandlers(): HandlersOf<typeof EXTRACT_API> {
  return {
    extractPreview: async ({ path, text }) => {
      if (path === undefined) {
        const p = previewPagesOfText(text ?? '');
        return buildExtractPreview('stdin', p.pages, p.status, p.encoding);
      }
      // A relative path would resolve against the host's working folder, unseen by the caller.
      if (!isAbsolute(path)) throw new VanKhoError(appError('PATH_NOT_ABSOLUTE', path));
      const p = await previewPagesOfFile(path);
      return buildExtractPreview(path, p.pages, p.status, p.encoding);
    },
  };
}
