// Picks the transport at start: the Electron preload bridge (`window.vankho`) when present, otherwise
// HTTP to the web-mode server that served this page, with the token from the URL fragment.
import type { VanKhoApi } from '../../../main/contract/api.js';
import { TOKEN_FRAGMENT_PARAM } from '../../../main/contract/transport.js';
import { createHttpApi } from './http-api.js';

declare global {
  interface Window {
    vankho?: VanKhoApi;
  }
}

/** 'session': no token in the page — a server-mode page; the session gate signs in first. */
export type ApiStart = { ok: true; api: VanKhoApi } | { ok: false; reason: 'session' };

const TOKEN_STORAGE_KEY = 'vankho.webToken';

/** Reads the web token from `#token=…`, keeps it for reloads of this tab, and removes it from the URL. */
function readWebToken(): string | null {
  const hash = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromHash = hash.get(TOKEN_FRAGMENT_PARAM);
  if (fromHash) {
    try {
      sessionStorage.setItem(TOKEN_STORAGE_KEY, fromHash);
    } catch {
      // No session storage: the token then lives only in memory for this page.
    }
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  try {
    return sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function createApi(): ApiStart {
  if (window.vankho) return { ok: true, api: window.vankho };
  const token = readWebToken();
  if (!token) return { ok: false, reason: 'session' };
  return { ok: true, api: createHttpApi(location.origin, { token }) };
}
