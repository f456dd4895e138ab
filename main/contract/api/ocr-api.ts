// OCR requests: the queue of scanned pages (kept in the archive, so it survives restarts) and what
// one document's recognition looks like.
import { z } from 'zod';
import type { JobStarted, OcrPageWordsDto, OcrRetryDto, OcrSettingsDto, OcrSummaryDto } from '../dto.js';
import { def, returns, documentIds, empty, id } from './define.js';

export const OCR_API = {
  /**
   * Starts (or, when one runs, joins) the OCR job: every waiting page, or only those of the given
   * documents, page by page in worker threads; progress via ocrProgress, end via jobFinished. A
   * cancelled or interrupted run leaves the unread pages waiting for the next one.
   */
  ocrStart: def(
    z.object({ documentIds: documentIds.optional(), langs: z.enum(['vie', 'vie+eng']).optional() }).strict(),
    returns<JobStarted>(),
  ),
  /** Pages waiting for OCR in the whole archive. */
  ocrPending: def(empty, returns<{ pages: number; documents: number }>()),
  /** One document's OCR: pages waiting, read, failed, confidence, pages to review. */
  ocrSummary: def(z.object({ documentId: id }).strict(), returns<OcrSummaryDto>()),
  /**
   * One page's recognised words with their boxes and confidence (the invisible text layer over a
   * scan); state 'none' when the page had no OCR. At most OCR_PAGE_WORDS_MAX words.
   */
  ocrPageWords: def(
    z.object({ fileId: id, page: z.number().int().min(1).max(1_000_000) }).strict(),
    returns<OcrPageWordsDto>(),
  ),
  /** The document the person is looking at goes first in the queue (from the next page). */
  ocrPrioritize: def(z.object({ documentId: id }).strict(), returns<{ ok: true }>()),
  /**
   * "Thử lại / Retry": the document's failed pages wait again and the OCR job reads them (this
   * document first; a running job is joined).
   */
  ocrRetry: def(z.object({ documentId: id }).strict(), returns<OcrRetryDto>()),
  /** The archive's OCR preferences ("OCR automatically after import") and whether the engine is here. */
  ocrSettings: def(empty, returns<OcrSettingsDto>()),
  ocrSettingsSet: def(z.object({ autoOcr: z.boolean() }).strict(), returns<OcrSettingsDto>()),
} as const;

/** Words one ocrPageWords answer carries at most (a dense A3 page has a few thousand). */
export const OCR_PAGE_WORDS_MAX = 20_000;
