// Content-Security-Policies shared by both hosts (the Electron protocol handler and the web server),
// so the renderer sees the same rules everywhere.

/**
 * The app page: scripts only from our own origin, no eval (pdf.js runs with isEvalSupported: false
 * and only needs WebAssembly compilation), the pdf.js worker from our origin or a blob, inline style
 * attributes (React `style=`) allowed, nothing can frame the app, no forms post anywhere.
 * `extraSources` (the desktop file scheme) may be fetched and shown as images.
 */
export function appContentSecurityPolicy(extraSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    ["img-src 'self' data: blob:", ...extraSources].join(' '),
    "font-src 'self' data:",
    ["connect-src 'self' blob:", ...extraSources].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Stored originals: rendered (if at all) in an opaque sandbox with nothing allowed to run. */
export const FILE_CONTENT_SECURITY_POLICY =
  "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/**
 * Content-Disposition with an ASCII fallback and the RFC 5987/6266 UTF-8 `filename*`, so Vietnamese
 * names survive and no header injection is possible.
 */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const nfc = fileName.normalize('NFC');
  const ascii =
    nfc
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace(/[^\x20-\x7e]|["\\%;]/g, '_')
      .trim() || 'file';
  const encoded = encodeURIComponent(nfc).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
