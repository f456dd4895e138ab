// Extraction without filing: what the text engine proposes for a file on the host or a text.
import { z } from 'zod';
import type { ExtractPreviewDto } from '../dto.js';
import { def, returns } from './define.js';

export const EXTRACT_API = {
  /**
   * The fields and citations the engine proposes for a file (`path`, absolute, on the host) or a
   * `text` (one of them); nothing is filed and no archive is needed. FILE_UNREADABLE for a path that
   * is no file, PDF_ENCRYPTED_NO_TEXT for an encrypted PDF.
   */
  extractPreview: def(
    z
      .object({ path: z.string().min(1).max(4_096).optional(), text: z.string().max(10_000_000).optional() })
      .strict()
      .refine((v) => (v.path === undefined) !== (v.text === undefined), { message: 'path or text' }),
    returns<ExtractPreviewDto>(),
  ),
} as const;
