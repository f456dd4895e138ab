// The pieces every part of the request map is built from: the phantom answer type, and the input
// schemas shared across domains (ids, names, paths), so a limit is the same wherever it applies.
import { z } from 'zod';

/** Phantom marker carrying a response type in a runtime object. */
export interface Returns<T> {
  readonly __returns?: T;
}
export function returns<T>(): Returns<T> {
  return {};
}
export function def<I extends z.ZodType, O>(input: I, output: Returns<O>) {
  return { input, output };
}

export const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const shortText = z.string().max(2_000);
/** Absolute folder path chosen by the user (archive open/create only, never for reading files). */
export const dirPath = z.string().min(1).max(4_096);
/** An absolute file path typed by the caller (the CLI, web mode's admin) or approved by a dialog's folder. */
export const filePath = z.string().min(1).max(4_096);
export const tagName = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(z.string().min(1).max(200));
export const color = z.string().regex(/^#[0-9a-fA-F]{6}$/);
export const jobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
export const isoDatePart = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/);
export const empty = z.object({}).strict();
export const documentIds = z.array(id).min(1).max(1_000_000);
