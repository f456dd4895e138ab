// OCR requests: the queue of scanned pages (kept in the archive, so it survives restarts) and what
// one document's recognition looks like.
import { z } from 'zod';
import type {
  JobStarted,
  OcrPageWordsDto,
  OcrPauseDto,
  OcrPendingDto,
  OcrResumeDto,
  OcrRetryDto,
  OcrSettingsDto,
  OcrSummaryDto,
} from '../dto.js';
import { def, returns, documentIds, empty, id } from './define.js';

/** The OCR models a run may use: Vietnamese, with English beside it, or English alone. */
export const OCR_LANGS = ['vie', 'vie+eng', 'eng'] as const;
/** Resolution PDF pages are rasterised at for OCR unless a run asks for another (Tesseract reads best at about 300). */
export const DEFAULT_OCR_DPI = 300;

export const OCR_API = {
  /**
   * Starts (or, when one runs, joins) the OCR job: every waiting page, or only those of the given
   * documents, page by page in worker threads; progress via jobProgress, end via jobFinished. A
   * cancelled or interrupted run leaves the unread pages waiting for the next one. OCR_PAUSED while
   * the queue is paused (ocrResume first): then nothing is queued either. A joined job keeps its own
   * settings and documents (pages queued outside them wait for the next run).
   */
  ocrStart: def(
    z
      .object({
        documentIds: documentIds.optional(),
        langs: z.enum(OCR_LANGS).optional(),
        /** With documentIds: their scanned pages are queued again first, also those read before. */
        again: z.literal(true).optional(),
        /** Without documentIds: pages needing OCR but never queued (filed before OCR existed) are queued first. */
        all: z.literal(true).optional(),
        /** Rasterising resolution of PDF pages (default DEFAULT_OCR_DPI). */
        dpi: z.number().int().min(72).max(600).optional(),
        /** Worker threads (default: the cores but one). */
        workers: z.number().int().min(1).max(32).optional(),
        /** Time limit per page (default 120 s). */
        timeoutSeconds: z.number().positive().max(86_400).optional(),
      })
      .strict()
      .refine((v) => v.again === undefined || v.documentIds !== undefined, {
        message: 'again needs documentIds',
      })
      .refine((v) => v.all === undefined || v.documentIds === undefined, { message: 'all or documentIds' }),
    returns<JobStarted>(),
  ),
  /** Pages waiting for OCR in the whole archive, and whether the queue is paused. */
  ocrPending: def(empty, returns<OcrPendingDto>()),
  /**
   * "Tạm dừng OCR / Pause OCR": the archive's queue starts no page until ocrResume, across restarts
   * too; a running OCR job stops at once (its pages in flight wait again) and ends as paused.
   */
  ocrPause: def(empty, returns<OcrPauseDto>()),
  /** "Tiếp tục / Resume": the queue runs again; the OCR job reads the waiting pages (one running is joined). */
  ocrResume: def(empty, returns<OcrResumeDto>()),
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
   * document first; a running job is joined); while the queue is paused they just wait (jobId null).
   */
  ocrRetry: def(z.object({ documentId: id }).strict(), returns<OcrRetryDto>()),
  /** The archive's OCR preferences ("OCR automatically after import") and whether the engine is here. */
  ocrSettings: def(empty, returns<OcrSettingsDto>()),
  ocrSettingsSet: def(z.object({ autoOcr: z.boolean() }).strict(), returns<OcrSettingsDto>()),
} as const;

/** Words one ocrPageWords answer carries at most (a dense A3 page has a few thousand). */
export const OCR_PAGE_WORDS_MAX = 20_000;
