// Extraction without filing (`vankho extract`, extractPreview): needs no open archive.
import type { HandlersOf } from '../../contract/api.js';
import type { EXTRACT_API } from '../../contract/api/extract-api.js';
import { absoluteFile } from './absolute-path.js';
import { buildExtractPreview, previewPagesOfFile, previewPagesOfText } from '../ingest/extract-preview.js';

export function extractHandlers(): HandlersOf<typeof EXTRACT_API> {
  return {
    extractPreview: async ({ path, text }) => {
      if (path === undefined) {
        const p = previewPagesOfText(text ?? '');
        return buildExtractPreview('stdin', p.pages, p.status, p.encoding);
      }
      const p = await previewPagesOfFile(absoluteFile(path));
      return buildExtractPreview(path, p.pages, p.status, p.encoding);
    },
  };
}
