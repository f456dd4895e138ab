// Which URLs may leave the app for the system browser: only absolute http(s) URLs without
// credentials, after WHATWG URL parsing. Everything else (file:, smb:, javascript:, data:,
// ms-msdt:, custom schemes, relative or malformed URLs) is refused.

export function isSafeExternalUrl(raw: unknown): boolean {
  if (typeof raw !== 'string') return false;
  if (raw.length === 0 || raw.length > 2_048) return false;
  // Whitespace or control characters anywhere: the URL parser would silently strip or encode them.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u009f]/.test(raw)) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (!raw.toLowerCase().startsWith(`${url.protocol}//`)) return false;
  if (url.username !== '' || url.password !== '') return false;
  if (url.hostname === '') return false;
  return true;
}
