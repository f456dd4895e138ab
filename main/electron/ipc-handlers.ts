// IPC handlers generated from the contract map: one ipcMain.handle per method, on the channel the
// contract names. Each checks that the sender frame is the app's own page, then hands the raw input
// to the shared dispatch (zod validation, façade call, error → AppError). Structured so tests can
// pass a fake ipcMain and a fake event.
import type { IpcMainInvokeEvent } from 'electron';
import { API_METHODS } from '../contract/api.js';
import { appError, type Result } from '../contract/errors.js';
import { APP_HOST, APP_SCHEME, ipcChannelOf } from '../contract/transport.js';
import type { Dispatch } from '../core/app/dispatch.js';

/** The part of Electron's ipcMain the adapter uses (a fake in tests). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** The sender-frame fields the check reads (IpcMainInvokeEvent satisfies it). */
export interface SenderLike {
  senderFrame?: { url: string; parent?: unknown } | null;
}

/** Is this the app's own top-level page (vankho-app://app/…)? */
export function isTrustedSenderUrl(url: string | undefined): boolean {
  if (typeof url !== 'string') return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

export function isTrustedSender(event: SenderLike): boolean {
  const frame = event.senderFrame;
  // Only the main frame of our page: an embedded frame (even of our origin) gets nothing.
  return (
    frame !== null &&
    frame !== undefined &&
    (frame.parent === null || frame.parent === undefined) &&
    isTrustedSenderUrl(frame.url)
  );
}

/** Registers one handler per contract method; returns a function that removes them all. */
export function registerIpcHandlers(
  ipc: IpcMainLike,
  dispatch: Dispatch,
  trusted: (event: SenderLike) => boolean = isTrustedSender,
): () => void {
  for (const method of API_METHODS) {
    ipc.handle(ipcChannelOf(method), async (event, ...args): Promise<Result<unknown>> => {
      if (!trusted(event as SenderLike)) return { ok: false, error: appError('FORBIDDEN') };
      if (args.length > 1) return { ok: false, error: appError('INVALID_INPUT', 'one argument expected') };
      return dispatch(method, args[0]);
    });
  }
  return () => {
    for (const method of API_METHODS) ipc.removeHandler(ipcChannelOf(method));
  };
}
