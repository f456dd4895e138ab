// pdf.js for the renderer: the worker is a same-origin file emitted by Vite (`?url`, never
// `new URL(…, import.meta.url)`), eval is off, and cmaps / standard fonts / wasm are copied into the
// build by renderer/vite.config.ts so nothing is fetched from elsewhere.
import * as pdfjsLib from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import 'pdfjs-dist/web/pdf_viewer.css';

pdfjsLib.GlobalWorkerOptions.workerSrc = workerUrl;
// pdf_viewer.mjs reads the library from this global, so it must be set before the viewer loads.
(globalThis as unknown as { pdfjsLib: typeof pdfjsLib }).pdfjsLib = pdfjsLib;

export type PdfViewerModule = typeof import('pdfjs-dist/web/pdf_viewer.mjs');

let viewerModule: Promise<PdfViewerModule> | null = null;

export function loadViewerModule(): Promise<PdfViewerModule> {
  viewerModule ??= import('pdfjs-dist/web/pdf_viewer.mjs');
  return viewerModule;
}

function assetUrl(path: string): string {
  return new URL(path, document.baseURI).toString();
}

export function openPdf(url: string): pdfjsLib.PDFDocumentLoadingTask {
  return pdfjsLib.getDocument({
    url,
    isEvalSupported: false,
    enableXfa: false,
    cMapUrl: assetUrl('pdfjs/cmaps/'),
    cMapPacked: true,
    standardFontDataUrl: assetUrl('pdfjs/standard_fonts/'),
    wasmUrl: assetUrl('pdfjs/wasm/'),
  });
}

export { pdfjsLib };
