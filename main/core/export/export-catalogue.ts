import { createWriteStream, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { appError } from '../../contract/errors.js';
import { startPartial } from '../archive/temp-owner.js';
import { VanKhoError } from '../errors/vankho-error.js';
import { catalogueCsvChunks } from './catalogue-csv.js';
import { catalogueHtmlChunks, type CatalogueHtmlHeading } from './catalogue-html.js';
import { catalogueRows, type CatalogueRow, type CatalogueSource } from './catalogue-rows.js';
import { writeCatalogueXlsx } from './catalogue-xlsx.js';
import { finishPartial } from './finish-partial.js';
import type { BundleRows } from '../archive/bundle-rows.js';
import { collectBundleData, type CollectedDocument } from './collect-bundle-data.js';

export type CatalogueFormat = 'xlsx' | 'csv' | 'html';

export interface ExportCatalogueOptions {
  ids: readonly number[];
  out: string;
  /** Default: from the extension of `out` (.csv, .html/.htm, else xlsx). */
  format?: CatalogueFormat;
  title?: string;
  overwrite?: boolean;
  signal?: AbortSignal;
  /** The archive's folder, where the partial file is recorded while it is written. */
  archiveDir?: string;
}

export interface ExportCatalogueReport {
  out: string;
  format: CatalogueFormat;
  documents: number;
}

/** The catalogue line of a collected document; `file` is what the last column shows. */
export function catalogueSourceOf(d: CollectedDocument, file: string): CatalogueSource {
  const { number, issuedDate, issuer, docType, title, pageCount, notes } = d.doc;
  return { number, issuedDate, issuer, docType, title, pageCount, notes, file };
}

/** Catalogue rows of documents straight from the archive; the last column names each main original. */
export function catalogueRowsFor(rows: BundleRows, ids: readonly number[]): CatalogueRow[] {
  const { documents } = collectBundleData(rows, ids);
  return catalogueRows(
    documents.map((d) =>
      catalogueSourceOf(d, (d.files.find((f) => f.role === 'main') ?? d.files[0])?.originalName ?? ''),
    ),
  );
}

/**
 * Writes only the catalogue "Mục lục văn bản" of some documents as one XLSX, CSV or HTML file (the
 * app's "Xuất mục lục"), to a temporary name renamed when complete, like bundles.
 */
export async function exportCatalogue(
  rows: BundleRows,
  opts: ExportCatalogueOptions,
): Promise<ExportCatalogueReport> {
  const out = resolve(opts.out);
  const format: CatalogueFormat =
    opts.format ?? (/\.csv$/i.test(out) ? 'csv' : /\.html?$/i.test(out) ? 'html' : 'xlsx');
  const catalogue = catalogueRowsFor(rows, opts.ids);
  const heading: CatalogueHtmlHeading = {
    title: opts.title ?? 'Mục lục văn bản',
    exportedAt: new Date().toISOString(),
    documentCount: catalogue.length,
  };
  await writeOutputFile(out, {
    overwrite: opts.overwrite ?? false,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.archiveDir ? { archiveDir: opts.archiveDir } : {}),
    ...(format === 'xlsx'
      ? { xlsx: (w: Writable) => writeCatalogueXlsx(catalogue, heading, w) }
      : {
          text: format === 'csv' ? catalogueCsvChunks(catalogue) : catalogueHtmlChunks(catalogue, heading),
        }),
  });
  return { out, format, documents: catalogue.length };
}

/** What writeOutputFile writes: text chunks (HTML, CSV), or an XLSX writer that ends the stream itself. */
export type OutputContent =
  { text: Iterable<string>; xlsx?: undefined } | { xlsx: (w: Writable) => Promise<void>; text?: undefined };

/**
 * Writes a printable or spreadsheet file the archive produced (catalogue, mục lục, danh mục hồ sơ,
 * register) to a temporary name beside `out`, fsynced and renamed when complete; an existing `out`
 * is refused unless `overwrite`. The one place for this sequence (disk full, cancel, partial record).
 */
export async function writeOutputFile(
  target: string,
  opts: OutputContent & { overwrite?: boolean; signal?: AbortSignal; archiveDir?: string },
): Promise<string> {
  const out = resolve(target);
  if (existsSync(out) && !opts.overwrite) throw new VanKhoError(appError('INVALID_INPUT', `${out} exists`));
  // Recorded in the archive's folder while it is written, so a crash's leftover is found there.
  const partial = startPartial(out, opts.archiveDir ? { archiveDir: opts.archiveDir } : {});
  const signal = opts.signal;
  await finishPartial(partial, out, signal, async () => {
    const sink = createWriteStream(partial.path, { flags: 'wx' });
    if (opts.xlsx) {
      await writeToEnd(sink, opts.xlsx);
    } else {
      const text = opts.text;
      const source = Readable.from(
        (function* () {
          for (const s of text) yield Buffer.from(s, 'utf8');
        })(),
      );
      await pipeline(source, sink, signal ? { signal } : {});
    }
  });
  return out;
}

/** Runs a writer that ends the stream itself (exceljs), resolving once the file is closed. */
async function writeToEnd(sink: Writable, write: (w: Writable) => Promise<void>): Promise<void> {
  const closed = new Promise<void>((res, rej) => {
    sink.on('close', res);
    sink.on('error', rej);
  });
  await write(sink);
  await closed;
}
